/**
 * Adversarial suite, config mode: a base commit and a head commit in a temporary git repository; the CLI (in
 * process) runs `scan . --base BASE` on the head checkout, Access Analyzer off. The config that applies must be
 * the base commit's (`--config-from`, implied by `--base`), and a PR that weakens it must not pass.
 * Exit 0 = pass; 1 fail, 3 incomplete and 2 (config error) are not a pass.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { CONFIG_CASES } from './cases/index.js';
import { commitCase } from './repo-case.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ipg-adv-cfg-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('adversarial: config mode (CLI --base)', () => {
  for (const c of CONFIG_CASES) {
    it(`${c.cls} ${c.format} ${c.id}: ${c.description} -> ${c.expect}`, async () => {
      const { repo, base } = commitCase(c, new Date());
      try {
        let stderr = '';
        const report = path.join(out, `${c.id}.json`);
        const code = await runCli(['scan', '.', '--base', base, '--access-analyzer', 'off', '--format', 'json', '--output', report], {
          cwd: repo.dir,
          isTTY: false,
          stdout: () => undefined,
          stderr: (s) => (stderr += s),
        });
        const detail = `exit ${code}; ${stderr.slice(0, 300)}; ${existsSync(report) ? summarise(readFileSync(report, 'utf8')) : 'no report'}`;
        if (c.expect === 'pass') expect(code, detail).toBe(0);
        else expect(code, detail).not.toBe(0);
      } finally {
        repo.remove();
      }
    });
  }
});

function summarise(text: string): string {
  const r = JSON.parse(text) as { verdict: string; findings: { ruleId: string; file: string; suppressed?: boolean; new?: boolean }[] };
  return `${r.verdict}: ${r.findings.map((f) => `${f.ruleId}@${f.file}${f.suppressed ? '(suppressed)' : ''}`).join(', ')}`.slice(0, 400);
}
