/**
 * A run that cannot make its private temporary files (TMPDIR missing, not writable, full) ends with one line that says
 * where and what to do, and exit 3 (nothing decided), never a stack trace, a half-written report or a pass.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const saved = process.env.TMPDIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

describe('temporary folder missing', () => {
  it('a JSON scan exits 3 with one line naming TMPDIR, and writes no report', async () => {
    const root = tmpRepo({ 'policy.json': admin });
    const missing = path.join(root, 'no-such-folder');
    const out = path.join(root, 'report.json');
    let stderr = '';
    process.env.TMPDIR = missing;
    const code = await runCli(['scan', '.', '--access-analyzer', 'off', '--format', 'json', '--output', out], { cwd: root, isTTY: false, stdout: () => {}, stderr: (s) => (stderr += s) });
    expect(code).toBe(3);
    expect(stderr).toBe(`iam-policy-gate: not analysed: cannot create a temporary file in ${missing} (ENOENT): point TMPDIR at a writable folder with room, and run again\n`);
    expect(existsSync(out)).toBe(false);
  });
});
