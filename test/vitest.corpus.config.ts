/**
 * `npm run test:corpus`: the corpus-driven tests over the whole shared corpus (default ../shared/corpus, or
 * IAM_GATE_CORPUS=DIR), plus test/corpus/. `npm test` runs the same corpus-driven tests over the excerpts in
 * test/fixtures/corpus/ (test/helpers/corpus.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const root = path.resolve(import.meta.dirname, '..');
const whole = path.resolve(root, process.env.IAM_GATE_CORPUS || '../shared/corpus');
if (!existsSync(path.join(whole, 'manifest.tsv'))) {
  throw new Error(`npm run test:corpus needs the shared corpus: not found at ${whole} (clone it beside this repository as ../shared, or set IAM_GATE_CORPUS=DIR)`);
}

const include = ['test/corpus/**/*.test.ts', 'test/text/json-positions.test.ts', 'test/extract/cloudformation/json-reader.test.ts', 'test/extract/cloudformation/yaml-cst.test.ts', 'test/hostile/properties.test.ts'];
// a test file named here that has moved would silently drop its corpus run: fail instead
for (const file of include.filter((f) => !f.includes('*'))) {
  if (!existsSync(path.join(root, file))) throw new Error(`test/vitest.corpus.config.ts names ${file}, which does not exist (moved?)`);
}

// not mergeConfig: it would concatenate the include lists
export default defineConfig({
  test: {
    ...base.test,
    include,
    exclude: ['**/node_modules/**'],
    env: { ...base.test?.env, IAM_GATE_CORPUS: whole },
  },
});
