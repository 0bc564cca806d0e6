/**
 * Build PolicyRecord / IamEntity values for per-principal and entity rules: policy text goes through the raw
 * extractor (so lines are real), then the record is given its file, resource and attachments.
 */
import { expect } from 'vitest';
import { rawExtractor } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import type { Options } from '../../src/config/options.js';
import type { IamEntity, PolicyRecord, PolicyType, PrincipalRef } from '../../src/policy/types.js';
import { MapSourceMap } from '../../src/policy/source-map.js';
import { parseWithPositions } from '../../src/text/positions.js';

export function record(
  file: string,
  text: string | object,
  opts: { type?: PolicyType; attachedTo?: PrincipalRef[]; name?: string; resource?: string; options?: Options } = {},
): PolicyRecord {
  const body = typeof text === 'string' ? text : JSON.stringify(text, null, 2);
  const options = opts.options ?? defaultOptions('/repo');
  if (opts.type) options.policyTypes = [{ files: ['**'], type: opts.type }];
  const res = rawExtractor.extract({
    file, repoPath: file, displayPath: (p) => p, text: body, options, explicit: true,
    readRepoFile: () => { throw new Error('no reads'); },
  }) as { policies: PolicyRecord[]; errors: unknown[] };
  expect(res.errors).toEqual([]);
  const p = res.policies[0]!;
  return { ...p, attachedTo: opts.attachedTo ?? [], name: opts.name ?? p.name, resource: opts.resource ?? p.resource };
}

/**
 * An IaC entity whose properties are the JSON (or YAML) `text`; lines and the source map come from the text, as an
 * extractor would record them.
 */
export function entity(kind: IamEntity['kind'], id: string, resourceType: string, text: string, file = 'template.json'): IamEntity {
  const parsed = parseWithPositions(text, file);
  const root = parsed.spans.get('')!;
  const sourceMap = new MapSourceMap(root);
  for (const [ptr, span] of parsed.spans) sourceMap.set(ptr, span);
  return {
    kind, id, file, line: root.start.line, endLine: root.end.line, resource: id, resourceType,
    properties: parsed.value as Record<string, unknown>, sourceMap,
  };
}
