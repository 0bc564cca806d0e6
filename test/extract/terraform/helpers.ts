import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultOptions } from '../../../src/config/options.js';
import type { Options } from '../../../src/config/options.js';
import { extractFile } from '../../../src/extract/index.js';
import type { ExtractResult } from '../../../src/extract/types.js';
import { listRepoDir, readRepoFile } from '../../../src/text/read.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Extract one file of a fixture repository through the registered extractors, as the gate does. */
export async function extractFixture(
  repo: string,
  rel: string,
  opts: { text?: string; options?: Partial<Options> } = {},
): Promise<ExtractResult> {
  const root = path.join(FIXTURES, repo);
  const options = { ...defaultOptions(root), ...opts.options };
  const text = opts.text ?? readFileSync(path.join(root, rel), 'utf8');
  const r = await extractFile({
    file: rel,
    repoPath: rel,
    displayPath: (p) => p,
    text,
    options,
    explicit: true,
    readRepoFile: (p) => readRepoFile(root, p, options.maxFileBytes),
    listRepoFiles: (d) => listRepoDir(root, d),
  });
  if (!r) throw new Error(`no extractor accepted ${rel}`);
  return r;
}

export function byResource<T extends { resource: string; propertyPath?: string }>(list: T[], resource: string, propertyPath?: string): T {
  const hit = list.find((p) => p.resource === resource && (propertyPath === undefined || p.propertyPath === propertyPath));
  if (!hit) throw new Error(`no record for ${resource} ${propertyPath ?? ''}; have ${list.map((p) => `${p.resource}/${p.propertyPath ?? ''}`).join(', ')}`);
  return hit;
}
