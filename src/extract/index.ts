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

export async function extractFile(input: ExtractInput): Promise<ExtractResult | undefined> {
  // JSON content under another name (`policy.jsonc`, `policy.yaml`, `stack.cfn`): detected as the .json it is
  const ex = extractors.find((e) => e.detect(input.file, input.text)) ?? (JSON_START.test(input.text) ? extractors.find((e) => e.detect(`${input.file}.json`, input.text)) : undefined);
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
