/**
 * `yaml`'s parseDocument, minus a cost the library charges per token: its parser reads
 * `process.env.LOG_TOKENS` for every token (a call into the C++ environment, ~100 ns), which was about 15% of
 * parsing a CloudFormation template. For the duration of the (synchronous) parse, `process.env` is a plain object
 * holding only that variable, with its current value (so LOG_TOKENS still logs when set); the real environment is
 * put back before anything else runs, also when the parser throws. Nothing the parser calls reads the environment
 * (our custom tags resolve text only).
 */
import { parseDocument } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

export function parseYamlDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed {
  return quietEnv(() => parseDocument(text, options));
}

/** Runs `f` (synchronous, reading no environment variable but LOG_TOKENS) with the plain-object environment. */
export function quietEnv<T>(f: () => T): T {
  const env = process.env;
  process.env = { LOG_TOKENS: env.LOG_TOKENS };
  try {
    return f();
  } finally {
    process.env = env;
  }
}
