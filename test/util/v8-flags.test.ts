/**
 * V8 flags the gate sets at run time (src/util/v8-flags.ts): each notes its V8 default, which the bundle's start
 * file (.ci/launcher.mjs) puts back at exit before writing the code cache (V8 rejects a cache made under other
 * flags than the next run starts with). A flag set any other way would leave every run without the cache, so no
 * file in src/ calls v8.setFlagsFromString but v8-flags.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setV8Flag } from '../../src/util/v8-flags.js';
import { tsFiles } from '../helpers/src-files.js';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'src');

describe('V8 flags set at run time', () => {
  it('are set only through setV8Flag, which notes their defaults', () => {
    const callers = tsFiles(SRC)
      .filter((f) => readFileSync(f, 'utf8').includes('setFlagsFromString'))
      .map((f) => path.relative(SRC, f).split(path.sep).join('/'));
    expect(callers).toEqual(['util/v8-flags.ts']);
  });

  it('setV8Flag notes a flag default once, in the list the start file reads', () => {
    setV8Flag('--stack-trace-limit=10', '--stack-trace-limit=10');
    setV8Flag('--stack-trace-limit=10', '--stack-trace-limit=10');
    const list = (globalThis as Record<symbol, unknown>)[Symbol.for('iam-policy-gate.v8-flag-defaults')] as string[];
    expect(list.filter((f) => f === '--stack-trace-limit=10')).toHaveLength(1);
  });
});
