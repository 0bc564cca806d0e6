import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, isTTY: false, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const clean = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const noVersion = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

describe('CLI', () => {
  it('exit codes: 0 pass, 1 blocking findings, 3 incomplete, 2 usage', async () => {
    const root = tmpRepo({ 'clean.json': clean, 'admin.json': admin, 'bad.json': '{' });
    expect((await cli(root, 'scan', 'clean.json')).code).toBe(0);
    const fail = await cli(root, 'scan', 'admin.json');
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/admin\.json:6\s+error\s+admin-wildcard/);
    expect(fail.stdout).toMatch(/^FAIL: 1 blocking finding/m);
    expect((await cli(root, 'scan', 'bad.json', 'clean.json')).code).toBe(3);
    expect((await cli(root, 'scan', 'nope.json')).code).toBe(3);
    expect((await cli(root, '--format', 'xml')).code).toBe(2);
    expect((await cli(root, '--bogus')).code).toBe(2);
    expect((await cli(root, '--help')).stdout).toMatch(/--access-analyzer/);
  });

  it('--fail-on moves the threshold; a config file can too, and its errors name file, line and key', async () => {
    const root = tmpRepo({ 'p.json': noVersion });
    expect((await cli(root, 'p.json')).code).toBe(0); // a warning does not block by default
    expect((await cli(root, 'p.json', '--fail-on', 'warning')).code).toBe(1);
    const withConfig = tmpRepo({ 'p.json': noVersion, '.github/iam-policy-gate.yml': 'fail-on: warning\n' });
    expect((await cli(withConfig, 'p.json')).code).toBe(1);
    const badConfig = tmpRepo({ 'p.json': noVersion, '.github/iam-policy-gate.yml': 'paths: [x]\nfail-on: loud\n' });
    const r = await cli(badConfig, 'p.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.github\/iam-policy-gate\.yml:2: fail-on/);
  });

  it('--format json --output writes the report; paths are relative to the working directory', async () => {
    const root = tmpRepo({ 'iam/admin.json': admin });
    const r = await cli(path.join(root, 'iam'), 'scan', '.', '--format', 'json', '--output', 'out.json');
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(root, 'iam', 'out.json'), 'utf8'));
    expect(report.verdict).toBe('fail');
    expect(report.findings[0]).toMatchObject({ file: 'admin.json', line: 6 });
  });

  it('--list-policies prints each record with file:line, type and resolved document', async () => {
    const root = tmpRepo({ 'scps/deny.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }, null, 2) });
    const r = await cli(root, '--list-policies');
    expect(r.stdout).toMatch(/^scps\/deny\.json:1\s+deny\.json\s+policy-file\s+scp/m);
    expect(r.stdout).toContain('"organizations:LeaveOrganization"');
  });
});
