/**
 * The path references that join files into one shard unit (units.ts `referencedFiles`), found from the end of each
 * path-like run: the same references as the straightforward reading (every maximal run of path characters, trailing
 * full stops dropped, kept when it ends in a scanned extension and is at most MAX_PATH_LENGTH long), on generated
 * and hostile text. A reference missed here would split a nested-stack family between shards.
 */
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_REFERENCES_PER_FILE, referencedFiles } from '../../src/shard/units.js';

const MAX_PATH_LENGTH = 1024;

/** The reference reading, one run at a time. */
function oracle(rel: string, text: string, scanned: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const d = path.posix.dirname(rel);
  const dir = d === '.' ? '' : d;
  let n = 0;
  for (const m of text.matchAll(/[A-Za-z0-9_@.\-/]+/g)) {
    const run = m[0].replace(/[.]+$/, '');
    if (run.length > MAX_PATH_LENGTH || !/[A-Za-z0-9_-]\.(?:json|ya?ml|template|tf|tofu|tfvars)$/i.test(run)) continue;
    if (++n > MAX_REFERENCES_PER_FILE) break;
    const token = run.replace(/^(\.\/)+/, '');
    for (const candidate of [path.posix.join(dir, token), token.replace(/^\/+/, '')]) {
      const c = path.posix.normalize(candidate);
      if (c !== rel && scanned.has(c)) out.add(c);
    }
  }
  return [...out];
}

const scanned = new Set(['a/child.yaml', 'a/b.json', 'child.yaml', 'x.tf', 'a/x.TFVARS', 'a/c/d.template', 'b.json', 'a/.json', 'a/@x.yml']);
const pieces = ['child.yaml', 'b.json', './', '../', '/', '.', '..', 'x.tf', 'x.TFVARS', 'c/d.template', 'a/', ' ', '\n', '"', '@', '-', '_', 'json', '.yaml', '.tfvars', 'é', '${Dir}', '.json.', '...', '@x.yml', ':'];

describe('shard unit references', () => {
  it('are those of the straightforward reading, on generated text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom('a/p.yaml', 'p.yaml', 'a/c/p.json'), (parts, rel) => {
        const text = parts.join('');
        expect(referencedFiles(rel, text, scanned).sort()).toEqual(oracle(rel, text, scanned).sort());
      }),
      { numRuns: 3000 },
    );
  });

  it('are those of the straightforward reading at the length limit and past the reference limit', () => {
    const rel = 'p.yaml';
    for (const len of [MAX_PATH_LENGTH - 1, MAX_PATH_LENGTH, MAX_PATH_LENGTH + 1, MAX_PATH_LENGTH + 2]) {
      const run = `${'./'.repeat(Math.floor((len - 'child.yaml'.length) / 2))}${(len - 'child.yaml'.length) % 2 ? 'a' : ''}child.yaml`;
      for (const text of [run, ` ${run}.`, `${run}...`, `x${run}`]) expect(referencedFiles(rel, text, scanned), `${len} ${text.length}`).toEqual(oracle(rel, text, scanned));
    }
    const many = `${'z.json '.repeat(MAX_REFERENCES_PER_FILE)}child.yaml`;
    expect(referencedFiles(rel, many, scanned)).toEqual([]);
    expect(oracle(rel, many, scanned)).toEqual([]);
    expect(referencedFiles(rel, `${'z.json '.repeat(MAX_REFERENCES_PER_FILE - 1)}child.yaml`, scanned)).toEqual(['child.yaml']);
  });

  it('stay linear on hostile runs (long runs of path characters, dots after an extension)', () => {
    // (the straightforward reading takes minutes on the second: dropping the full stops of a run that does not end
    // in one backtracks quadratically)
    const texts = ['a'.repeat(400_000), `x.json${'.'.repeat(400_000)}y`, 'a.tf.'.repeat(80_000), `${'/'.repeat(400_000)}child.yaml`, `${'a.json'.repeat(70_000)}.`];
    for (const text of texts) expect(referencedFiles('p.yaml', `${text} child.yaml`, scanned)).toEqual(['child.yaml']);
  });
});
