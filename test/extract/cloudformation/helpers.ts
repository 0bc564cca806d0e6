/** Runs the CloudFormation extractor on template text, with an in-memory repository for includes. */
import { posix } from 'node:path';
import { extractTemplate, cloudformationExtractor } from '../../../src/extract/cloudformation/index.js';
import { defaultOptions } from '../../../src/config/options.js';
import type { Options } from '../../../src/config/options.js';
import type { ExtractResult } from '../../../src/extract/types.js';
import type { PolicyRecord } from '../../../src/policy/types.js';

export function extractCfn(text: string, opts: { file?: string; files?: Record<string, string>; options?: Partial<Options> } = {}): ExtractResult {
  const file = opts.file ?? 'template.yaml';
  const files = opts.files ?? {};
  const options = { ...defaultOptions('/repo'), ...opts.options };
  return extractTemplate({
    file,
    repoPath: file,
    displayPath: (p) => p,
    text,
    options,
    explicit: true,
    readRepoFile: (p) => {
      const n = posix.normalize(p);
      if (n.startsWith('../') || n.startsWith('/')) throw new Error(`refused: ${p} is outside the repository`);
      const t = files[n];
      if (t === undefined) throw new Error(`no such file: ${n}`);
      return t;
    },
  });
}

export const detect = (file: string, text: string): boolean => cloudformationExtractor.detect(file, text);

/** The record of `resource` at `propertyPath` (exactly one). */
export function record(r: ExtractResult, resource: string, propertyPath?: string): PolicyRecord {
  const list = r.policies.filter((p) => p.resource === resource && (propertyPath === undefined || p.propertyPath === propertyPath));
  if (list.length !== 1) {
    throw new Error(`expected one record for ${resource} ${propertyPath ?? ''}, got ${list.length}: ${r.policies.map((p) => `${p.resource}:${p.propertyPath}`).join(', ')}`);
  }
  return list[0]!;
}

export const line = (rec: PolicyRecord, ptr: string): number => rec.sourceMap.locate(ptr).start.line;

/** Template text from lines (so line numbers in tests are easy to read: line N is lines[N-1]). */
export const lines = (...l: string[]): string => l.join('\n') + '\n';
