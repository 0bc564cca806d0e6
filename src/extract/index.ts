/**
 * Format dispatch: the first extractor whose `detect` accepts the file extracts it. Order matters: more specific
 * formats first. A file no extractor accepts is skipped quietly in a directory walk, and is an error when the
 * user named it.
 */
import type { Extractor, ExtractInput, ExtractResult } from './types.js';
import { emptyResult } from './types.js';
import { rawExtractor } from './raw.js';
import { terraformPlanExtractor } from './terraform/plan.js';
import { terraformJsonExtractor } from './terraform/tfjson.js';
import { terraformHclExtractor } from './terraform/hcl.js';
import { cloudformationExtractor } from './cloudformation/index.js';

export const extractors: Extractor[] = [
  terraformPlanExtractor,
  terraformJsonExtractor,
  terraformHclExtractor,
  cloudformationExtractor,
  rawExtractor,
];

/**
 * Directories of the local modules a file calls (Terraform `module` blocks with a `./` or `../` source), and which
 * of their files are the module: for reading what a walk skips (gate.ts).
 */
export { localModuleDirs as calledModuleDirs } from './terraform/module-sources.js';
export { isConfigFile as isModuleFile } from './terraform/tf-files.js';

const JSON_START = /^\uFEFF?\s*[[{]/;

/** The extractor that takes a file (the first whose `detect` accepts it), if any. */
export function extractorFor(file: string, text: string): Extractor | undefined {
  // JSON content under another name (`policy.jsonc`, `policy.yaml`, `stack.cfn`): detected as the .json it is
  return extractors.find((e) => e.detect(file, text)) ?? (JSON_START.test(text) ? extractors.find((e) => e.detect(`${file}.json`, text)) : undefined);
}

export async function extractFile(input: ExtractInput): Promise<ExtractResult | undefined> {
  const ex = extractorFor(input.file, input.text);
  if (!ex) {
    if (!input.explicit) return undefined;
    const r = emptyResult();
    r.errors.push({
      file: input.file,
      message: 'not an IAM policy document, CloudFormation/SAM template or Terraform file',
      kind: 'input',
    });
    return r;
  }
  try {
    return await ex.extract(input);
  } catch (e) {
    // An extractor bug must not take the run down or pass silently: the file is reported as not analysed.
    const r = emptyResult();
    const err = e as Error & { line?: number; column?: number };
    r.errors.push({
      file: input.file,
      line: err.line,
      column: err.column,
      message: `could not be analysed (${ex.name}): ${err.message}`,
      kind: 'extract',
    });
    return r;
  }
}
