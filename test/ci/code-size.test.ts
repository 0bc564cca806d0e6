/** The size check of .ci/code-size.mjs: passes on src/ (with its allow-list), fails on a long file or function. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpRepo } from '../helpers/tmp-repo.js';

const script = path.resolve(import.meta.dirname, '../../.ci/code-size.mjs');

function run(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('.ci/code-size.mjs', () => {
  it('src/ has no file over 500 lines and no function over 80 beyond the allow-list, and every allowed entry is still over', () => {
    const r = run();
    expect(r.out).toMatch(/ 0 problems/);
    expect(r.code).toBe(0);
  });

  it('fails on a file over 500 lines and on functions over 80 (declarations, methods, arrows), naming them; data files are exempt', () => {
    const src = tmpRepo({
      'big.ts': Array.from({ length: 501 }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n',
      'fns.ts': `export function long() {\n${body(79)}\n}\nexport function short() {\n${body(78)}\n}\nclass K {\n  m() {\n${body(80)}\n  }\n}\nexport const arrow = () => {\n${body(80)}\n};\nexport { K };\n`,
      'table.data.ts': Array.from({ length: 900 }, (_, i) => `export const d${i} = ${i};`).join('\n') + '\n',
    });
    const r = run('--src', src);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/file big\.ts is 501 lines \(limit 500\)/);
    expect(r.out).toMatch(/function fns\.ts#long is 81 lines \(limit 80\)/);
    expect(r.out).toMatch(/function fns\.ts#K\.m is 82 lines/);
    expect(r.out).toMatch(/function fns\.ts#arrow is 82 lines/);
    expect(r.out).not.toMatch(/short|table\.data/);
  });
});
