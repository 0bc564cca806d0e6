/** The folder-import check of .ci/folder-imports.mjs: passes on src/, and fails on a forbidden arrow or a cycle. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpRepo } from '../helpers/tmp-repo.js';

const script = path.resolve(import.meta.dirname, '../../.ci/folder-imports.mjs');

function run(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

describe('.ci/folder-imports.mjs', () => {
  it('src/ has no forbidden import and no folder cycle beyond the allow-list, and every allowed edge still exists', () => {
    const r = run();
    expect(r.out).toMatch(/0 problems/);
    expect(r.code).toBe(0);
  });

  it('report/sarif.ts no longer imports checks/', () => {
    const r = run('--list');
    expect(r.out).not.toMatch(/^report -> checks/m);
    expect(r.out).toMatch(/^report -> rules-meta: report\/sarif\.ts/m);
  });

  it('fails on a forbidden arrow and on a cycle, naming the files', () => {
    const src = tmpRepo({
      'report/sarif.ts': "import { rules } from '../checks/rules/index.js';\nexport const x = rules;\n",
      'checks/rules/index.ts': "export const rules = [];\n",
      'policy/types.ts': "import type { X } from '../findings/types.js';\nexport type P = X;\n",
      'findings/types.ts': "import type {\n  P,\n} from '../policy/types.js';\nexport type X = P;\n",
    });
    const r = run('--src', src);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/forbidden import report -> checks: report\/sarif\.ts/);
    expect(r.out).toMatch(/folder cycle findings, policy: findings -> policy \(findings\/types\.ts\); policy -> findings \(policy\/types\.ts\)/);
  });
});
