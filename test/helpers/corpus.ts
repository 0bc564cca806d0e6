/**
 * Which corpus a corpus-driven test reads. `npm test` reads the small real excerpts under test/fixtures/corpus/
 * (sources and licences: test/fixtures/SOURCES.md), so a fresh clone needs nothing beside it. `npm run test:corpus`
 * (test/vitest.corpus.config.ts) sets IAM_GATE_CORPUS to the whole shared corpus (default ../shared/corpus) and runs
 * the same tests over every file, plus test/corpus/.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURE_CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

export interface Corpus {
  /** 'excerpts' (npm test) or 'whole corpus' (npm run test:corpus), for test names. */
  name: string;
  root: string;
  /** Whether this is the whole shared corpus. */
  whole: boolean;
  /** Every file below the given top-level folders (all of them when none given), absolute, sorted. */
  files(dirs?: string[]): string[];
  /** The least number of files a test over `dirs` must see: guards against an empty or misplaced corpus. */
  atLeast(whole: number): number;
}

export function corpus(): Corpus {
  const env = process.env.IAM_GATE_CORPUS;
  const whole = env !== undefined && env !== '';
  const root = whole ? path.resolve(env) : FIXTURE_CORPUS;
  if (!existsSync(root)) throw new Error(`corpus not found at ${root} (IAM_GATE_CORPUS; npm run test:corpus expects the shared corpus at ../shared/corpus)`);
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.isFile() ? [path.join(d, e.name)] : []))
      .sort();
  return {
    name: whole ? 'whole corpus' : 'corpus excerpts',
    root,
    whole,
    files: (dirs) =>
      (dirs ?? readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name))
        .map((d) => path.join(root, d))
        .filter((d) => existsSync(d))
        .flatMap(walk),
    atLeast: (n) => (whole ? n : 3),
  };
}
