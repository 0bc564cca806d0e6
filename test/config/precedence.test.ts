import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOptions, ConfigError, DEFAULT_CONFIG_PATH } from '../../src/config/load.js';
import { resolveOptions } from '../../src/config/precedence.js';
import { actionInputsLayer } from '../../src/config/inputs.js';
import { defaultOptions } from '../../src/config/options.js';
import { runCli } from '../../src/cli.js';

describe('precedence: defaults < config file < Action inputs < CLI flags', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipg-prec-'));
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(
      path.join(dir, DEFAULT_CONFIG_PATH),
      [
        'fail-on: warning',
        'fail-on-existing: true',
        'exclude: [legacy/**]',
        'max-inline-comments: 10',
        'rules:',
        '  admin-wildcard: { enabled: true, severity: warning }',
        'access-analyzer:',
        '  mode: off',
        '  region: eu-west-1',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the file overrides the defaults; what it does not set keeps the default', () => {
    const { options } = loadOptions(dir, dir);
    expect(options.failOn).toBe('warning');
    expect(options.maxFileBytes).toBe(defaultOptions(dir).maxFileBytes);
    expect(options.aa.region).toBe('eu-west-1');
    expect(options.aa.concurrency).toBe(defaultOptions(dir).aa.concurrency);
  });

  it('Action inputs override the file; empty inputs set nothing', () => {
    const inputs: Record<string, string> = { 'fail-on': 'error', 'fail-on-existing': '', 'access-analyzer': 'auto', 'aws-region': 'ap-southeast-2', 'max-inline-comments': '5' };
    const { options } = loadOptions(dir, dir, undefined, { action: actionInputsLayer((n) => inputs[n] ?? '') });
    expect(options.failOn).toBe('error');
    expect(options.failOnExisting).toBe(true); // from the file: the input was empty
    expect(options.accessAnalyzer).toBe('auto');
    expect(options.maxInlineComments).toBe(5);
    expect(options.exclude).toEqual(['legacy/**']);
    // the input replaces the file's region; the file's other Access Analyzer settings stay
    expect(options.aa.region).toBe('ap-southeast-2');
  });

  it('CLI flags override both', () => {
    const { options } = loadOptions(dir, dir, undefined, {
      action: actionInputsLayer((n) => (n === 'fail-on' ? 'error' : '')),
      cli: { failOn: 'suggestion', exclude: ['other/**'] },
    });
    expect(options.failOn).toBe('suggestion');
    expect(options.exclude).toEqual(['other/**']); // lists replace, not merge
  });

  it('rules merge per rule id and per setting; aa per setting', () => {
    const base = defaultOptions('/r');
    const out = resolveOptions(base, {
      file: { rules: { 'admin-wildcard': { enabled: false, severity: 'warning' }, 'duplicate-sid': { enabled: false } }, aa: { region: 'eu-west-1', concurrency: 2 } },
      action: { rules: { 'admin-wildcard': { severity: 'error' } }, aa: { concurrency: 8 } },
      cli: { rules: { 'missing-version': { enabled: false } } },
    });
    expect(out.rules).toEqual({
      'admin-wildcard': { enabled: false, severity: 'error' },
      'duplicate-sid': { enabled: false },
      'missing-version': { enabled: false },
    });
    expect(out.aa).toEqual({ ...base.aa, region: 'eu-west-1', concurrency: 8 });
    // the defaults object is not modified
    expect(base.rules).toEqual({});
    expect(base.aa.region).toBeUndefined();
  });

  it('bad Action inputs are config errors naming the input', () => {
    expect(() => actionInputsLayer((n) => (n === 'fail-on' ? 'loud' : ''))).toThrow(ConfigError);
    expect(() => actionInputsLayer((n) => (n === 'fail-on' ? 'loud' : ''))).toThrow('input fail-on must be one of');
    expect(() => actionInputsLayer((n) => (n === 'fail-on-existing' ? 'yes' : ''))).toThrow('input fail-on-existing must be true or false');
    expect(() => actionInputsLayer((n) => (n === 'access-analyzer' ? 'maybe' : ''))).toThrow('input access-analyzer must be auto, on or off');
    expect(() => actionInputsLayer((n) => (n === 'max-inline-comments' ? '-3' : ''))).toThrow('input max-inline-comments must be a whole number');
    expect(() => actionInputsLayer((n) => (n === 'aws-region' ? 'Europe' : ''))).toThrow('input aws-region must be an AWS region');
    expect(() => actionInputsLayer((n) => (n === 'organization-live' ? 'yes' : ''))).toThrow('input organization-live must be true or false');
    expect(actionInputsLayer((n) => (n === 'organization-live' ? 'TRUE' : ''))).toEqual({ organizationLive: true });
  });

  it('the CLI: --fail-on beats the file; without it the file decides (exit codes follow)', async () => {
    writeFileSync(path.join(dir, 'admin.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2));
    writeFileSync(path.join(dir, DEFAULT_CONFIG_PATH), 'fail-on: error\nrules:\n  admin-wildcard: warning\n');
    const run = async (argv: string[]) => {
      let out = '';
      const code = await runCli(argv, { stdout: (s) => (out += s), stderr: () => undefined, cwd: dir, isTTY: false });
      return { code, out };
    };
    // the file lowers admin-wildcard to warning and fails only on error: pass
    expect((await run(['admin.json', '--root', dir, '--format', 'json'])).code).toBe(0);
    // the flag fails on warnings: fail
    const r = await run(['admin.json', '--root', dir, '--format', 'json', '--fail-on', 'warning']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).summary.failOn).toBe('warning');
  });

  it('the CLI: a config error exits 2 and names file, line and key', async () => {
    writeFileSync(path.join(dir, DEFAULT_CONFIG_PATH), 'fail-on: error\n\nexclude: 42\n');
    let err = '';
    const code = await runCli(['.', '--root', dir], { stdout: () => undefined, stderr: (s) => (err += s), cwd: dir, isTTY: false });
    expect(code).toBe(2);
    expect(err).toContain('.github/iam-policy-gate.yml:3: exclude: must be a glob or a list of globs');
  });
});
