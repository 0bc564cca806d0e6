import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOptions, parseConfig, ConfigError, parseSeverity, DEFAULT_CONFIG_PATH } from '../../src/config/load.js';
import { defaultOptions } from '../../src/config/options.js';

/** Parse config text and return the error (or fail the test when there is none). */
function configError(text: string, file = '.github/iam-policy-gate.yml'): ConfigError {
  try {
    parseConfig(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a config error');
}

/** Options after defaults + this config text. */
function optionsFrom(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipg-cfg-'));
  try {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, DEFAULT_CONFIG_PATH), text);
    return loadOptions(dir, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('config keys map onto Options', () => {
  const defaults = defaultOptions('/repo');

  it('paths / include, exclude (a glob or a list)', () => {
    expect(optionsFrom('paths: infra/**\nexclude: ["**/test/**", "x/*.json"]\n').options).toMatchObject({
      include: ['infra/**'],
      exclude: ['**/test/**', 'x/*.json'],
    });
    expect(optionsFrom('include: [a/**, b/**]\n').options.include).toEqual(['a/**', 'b/**']);
    // globs are repository-relative; a leading ./ is dropped
    expect(optionsFrom('paths: ["./infra/**"]\nignore:\n  - rule: admin-wildcard\n    files: ./legacy/*.json\n    reason: r\n').options).toMatchObject({
      include: ['infra/**'],
      ignore: [{ files: ['legacy/*.json'] }],
    });
  });

  it('fail-on, fail-on-existing, max-file-size (bytes or units), file-time-budget-ms', () => {
    const { options } = optionsFrom('fail-on: warning\nfail-on-existing: true\nmax-file-size: 512KB\nfile-time-budget-ms: 900\n');
    expect(options.failOn).toBe('warning');
    expect(options.failOnExisting).toBe(true);
    expect(options.maxFileBytes).toBe(512 * 1024);
    expect(options.fileTimeBudgetMs).toBe(900);
    expect(optionsFrom('max-file-size: 2MB\n').options.maxFileBytes).toBe(2 * 1024 * 1024);
    expect(optionsFrom('max-file-size: 1000\n').options.maxFileBytes).toBe(1000);
  });

  it('policy-types', () => {
    const { options } = optionsFrom('policy-types:\n  - files: "scp/*.json"\n    type: scp\n  - files: [a.json, b.json]\n    type: trust\n');
    expect(options.policyTypes).toEqual([
      { files: ['scp/*.json'], type: 'scp' },
      { files: ['a.json', 'b.json'], type: 'trust' },
    ]);
  });

  it('rules: off, on, a severity, or { enabled, severity }', () => {
    const { options } = optionsFrom(
      'rules:\n  admin-wildcard: warning\n  UNIQUE_SIDS_REQUIRED: off\n  MISSING_VERSION: false\n  UNIQUE_SIDS_RECOMMENDED: on\n  PASS_ROLE_WITH_STAR_IN_RESOURCE: { enabled: true, severity: error }\n',
    );
    expect(options.rules).toEqual({
      'admin-wildcard': { severity: 'warning' },
      UNIQUE_SIDS_REQUIRED: { enabled: false },
      MISSING_VERSION: { enabled: false },
      UNIQUE_SIDS_RECOMMENDED: { enabled: true },
      PASS_ROLE_WITH_STAR_IN_RESOURCE: { enabled: true, severity: 'error' },
    });
  });

  it('account, region, partition; trusted accounts (quoted or not: leading zeros kept), org ids, OIDC subjects', () => {
    const { options } = optionsFrom(
      [
        'account: "210987654321"',
        'region: eu-central-1',
        'partition: aws-cn',
        'trusted-accounts: ["012345678901", 444455556666]',
        'trusted-org-ids: [o-a1b2c3d4e5]',
        'trusted-oidc-subjects: ["repo:acme/app:ref:refs/heads/main"]',
      ].join('\n'),
    );
    expect(options).toMatchObject({
      account: '210987654321',
      region: 'eu-central-1',
      partition: 'aws-cn',
      trustedAccounts: ['012345678901', '444455556666'],
      trustedOrgIds: ['o-a1b2c3d4e5'],
      trustedOidcSubjects: ['repo:acme/app:ref:refs/heads/main'],
    });
  });

  it('sensitive actions/resources and reference policies', () => {
    const { options } = optionsFrom(
      'sensitive-actions: [iam:PassRole, "s3:Delete*"]\nsensitive-resources: ["arn:aws:s3:::payroll/*"]\nreference-policies:\n  identity: ref/identity.json\n  resource: ref/resource.json\n',
    );
    expect(options.sensitiveActions).toEqual(['iam:PassRole', 's3:Delete*']);
    expect(options.sensitiveResources).toEqual(['arn:aws:s3:::payroll/*']);
    expect(options.referencePolicies).toEqual({ identity: 'ref/identity.json', resource: 'ref/resource.json' });
  });

  it('organization: validated, normalised (lists, 12-digit account strings), otherwise passed through', () => {
    const { options } = optionsFrom(
      [
        'organization:',
        '  scps: { DenyAll: scp/deny.json, Regions: scp/regions.json }',
        '  attachments:',
        '    root: DenyAll',
        '    Workloads: [Regions]',
        '    "111122223333": [Regions]',
        '  ous:',
        '    Workloads:',
        '      id: ou-ab12-cdef5678',
        '      accounts: [111122223333]',
        '      ous: { Prod: { accounts: ["012345678901"] } }',
        '  deployments:',
        '    "infra/prod/**": Prod',
        '    "infra/one/**": [111122223333, ou-ab12-cdef5678]',
      ].join('\n'),
    );
    expect(options.organization).toEqual({
      scps: { DenyAll: 'scp/deny.json', Regions: 'scp/regions.json' },
      attachments: { root: ['DenyAll'], Workloads: ['Regions'], '111122223333': ['Regions'] },
      ous: { Workloads: { id: 'ou-ab12-cdef5678', accounts: ['111122223333'], ous: { Prod: { accounts: ['012345678901'], ous: {} } } } },
      deployments: { 'infra/prod/**': ['Prod'], 'infra/one/**': ['111122223333', 'ou-ab12-cdef5678'] },
      exemptPrincipals: [],
      pipelinePrincipals: [],
    });
  });

  it('cloudformation parameters: a list of {files, values} or a mapping glob -> values', () => {
    expect(optionsFrom('cloudformation:\n  parameters:\n    - files: "cfn/*.yml"\n      values: { Env: prod, Port: 443, Subnets: [a, b] }\n').options.cfnParameters).toEqual([
      { files: ['cfn/*.yml'], values: { Env: 'prod', Port: 443, Subnets: ['a', 'b'] } },
    ]);
    expect(optionsFrom('cloudformation:\n  parameters:\n    "cfn/dev/**": { Env: dev }\n').options.cfnParameters).toEqual([{ files: ['cfn/dev/**'], values: { Env: 'dev' } }]);
  });

  it('terraform tfvars and all-resources', () => {
    const { options } = optionsFrom('terraform:\n  tfvars: tf/prod.tfvars\n  all-resources: true\n');
    expect(options.tfvarsFiles).toEqual(['tf/prod.tfvars']);
    expect(options.terraformAllResources).toBe(true);
  });

  it('access-analyzer: a mode, or every setting', () => {
    expect(optionsFrom('access-analyzer: off\n').options.accessAnalyzer).toBe('off');
    const { options } = optionsFrom(
      'access-analyzer:\n  mode: on\n  region: eu-west-1\n  locale: JA\n  max-billed-calls: 50\n  concurrency: 8\n  cache-dir: false\n  custom-checks: [no-public-access]\n  allow-failures: true\n',
    );
    expect(options.accessAnalyzer).toBe('on');
    expect(options.aa).toEqual({
      region: 'eu-west-1',
      locale: 'JA',
      maxBilledCalls: 50,
      concurrency: 8,
      cacheDir: '',
      checkNoNewAccess: false,
      checkAccessNotGranted: false,
      checkNoPublicAccess: true,
      allowFailures: true,
    });
    // settings not given keep their defaults
    expect(optionsFrom('access-analyzer:\n  region: us-west-2\n').options.aa).toEqual({ ...defaults.aa, region: 'us-west-2' });
  });

  it('max-inline-comments', () => {
    expect(optionsFrom('max-inline-comments: 0\n').options.maxInlineComments).toBe(0);
  });

  it('ignore entries carry the config file and their line', () => {
    const { options, file } = optionsFrom(
      [
        'fail-on: error',
        'ignore:',
        '  - rule: admin-wildcard',
        '    reason: break-glass role (SEC-42)',
        '  - rule: PASS_ROLE_WITH_STAR_IN_RESOURCE',
        '    files: infra/legacy/**',
        '    resource: LegacyRole',
        '    sid: AllowLegacy',
        '    action: "iam:*"',
        '    reason: accepted until the migration (TICKET-123)',
        '    expires: 2026-12-31',
      ].join('\n'),
    );
    expect(file).toBe('.github/iam-policy-gate.yml');
    expect(options.ignore).toEqual([
      { rule: 'admin-wildcard', reason: 'break-glass role (SEC-42)', source: { file: '.github/iam-policy-gate.yml', line: 3 } },
      {
        rule: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
        files: ['infra/legacy/**'],
        resource: 'LegacyRole',
        sid: 'AllowLegacy',
        action: 'iam:*',
        reason: 'accepted until the migration (TICKET-123)',
        expires: '2026-12-31',
        source: { file: '.github/iam-policy-gate.yml', line: 5 },
      },
    ]);
  });

  it('an empty file, or one with only comments, is the defaults', () => {
    const { options } = optionsFrom('# nothing yet\n');
    expect({ ...options, now: undefined, root: undefined, cwd: undefined }).toEqual({ ...defaults, now: undefined, root: undefined, cwd: undefined });
  });

  it('JSON is accepted too', () => {
    expect(parseConfig('{\n  "fail-on": "error",\n  "exclude": ["a/**"]\n}\n', 'cfg.json')).toEqual({ failOn: 'error', exclude: ['a/**'] });
  });
});

describe('config errors name the file, the line and the key', () => {
  it('a bad value', () => {
    const e = configError('exclude: ["a/**"]\nfail-on: high\n');
    expect(e.message).toBe('.github/iam-policy-gate.yml:2: fail-on: must be one of error, security-warning, warning, suggestion');
    expect(e.line).toBe(2);
    expect(e.file).toBe('.github/iam-policy-gate.yml');
  });

  it('an unknown key, with a suggestion for a near miss', () => {
    const e = configError('paths: [a/**]\n\nfailOn: error\n');
    expect(e.message).toBe('.github/iam-policy-gate.yml:3: failOn: unknown key (did you mean "fail-on"?)');
  });

  it('nested keys are named by their full path and line', () => {
    const e = configError('access-analyzer:\n  mode: auto\n  concurrency: 0\n');
    expect(e.message).toBe('.github/iam-policy-gate.yml:3: access-analyzer.concurrency: must be at least 1');
    const e2 = configError('exclude:\n  - a/**\n  - 3\n');
    expect(e2.message).toBe('.github/iam-policy-gate.yml:3: exclude[1]: must be a string (got number)');
  });

  it('an ignore entry without a reason is an error on the entry', () => {
    const e = configError('ignore:\n  - rule: admin-wildcard\n    files: infra/**\n  - rule: service-wildcard\n    reason: "  "\n');
    expect(e.issues.map((i) => `${i.line} ${i.key}: ${i.message}`)).toEqual([
      '2 ignore[0].reason: is required: say why the finding is accepted (e.g. a ticket)',
      '5 ignore[1].reason: is required: say why the finding is accepted (e.g. a ticket)',
    ]);
  });

  it('every problem is listed, in line order', () => {
    const e = configError('fail-on: nope\nrules:\n  admin-wildcard: loud\nignore:\n  - rule: admin-wildcard\n    reason: r\n    expires: 2026-02-30\nmax-inline-comments: -1\n');
    expect(e.message.split('\n')).toEqual([
      '.github/iam-policy-gate.yml:1: fail-on: must be one of error, security-warning, warning, suggestion',
      '.github/iam-policy-gate.yml:3: rules.admin-wildcard: use off, on, a severity (error, security-warning, warning, suggestion), or { enabled, severity }',
      '.github/iam-policy-gate.yml:7: ignore[0].expires: is not a real calendar date',
      '.github/iam-policy-gate.yml:8: max-inline-comments: must be 0 or more',
    ]);
  });

  it('paths outside the repository are refused', () => {
    expect(configError('terraform:\n  tfvars: [ok.tfvars, ../../etc/passwd]\n').message).toBe(
      '.github/iam-policy-gate.yml:2: terraform.tfvars[1]: must stay inside the repository (no ".." segments)',
    );
    expect(configError('reference-policies:\n  identity: /etc/passwd\n').message).toContain(':2: reference-policies.identity: must be relative to the repository root');
  });

  it('organization: attachments name defined SCPs; deployments name known OUs or accounts', () => {
    const e = configError(
      [
        'organization:',
        '  scps: { A: scp/a.json }',
        '  attachments:',
        '    root: [A, B]',
        '  ous: { Prod: { id: ou-ab12-cdef5678 } }',
        '  deployments:',
        '    "infra/**": [Prod, Staging]',
      ].join('\n'),
    );
    expect(e.issues.map((i) => `${i.line} ${i.key}: ${i.message}`)).toEqual([
      '4 organization.attachments.root[1]: SCP "B" is not defined under organization.scps',
      '7 organization.deployments["infra/**"][1]: "Staging" is not an account id, an OU of organization.ous or an OU id',
    ]);
  });

  it('invalid YAML, a list at the top, bad account ids, bad dates', () => {
    expect(configError('fail-on: [error\n').message).toMatch(/^\.github\/iam-policy-gate\.yml:\d: invalid YAML: /);
    expect(configError('- fail-on\n').message).toBe('.github/iam-policy-gate.yml:1: the config must be a mapping of keys');
    expect(configError('\ntrusted-accounts: ["1234"]\n').message).toBe('.github/iam-policy-gate.yml:2: trusted-accounts[0]: must be a 12-digit AWS account id');
    expect(configError('ignore:\n  - rule: admin-wildcard\n    reason: r\n    expires: 31/12/2026\n').message).toBe(
      '.github/iam-policy-gate.yml:4: ignore[0].expires: must be a date written YYYY-MM-DD',
    );
  });

  it('paths and include together are ambiguous', () => {
    expect(configError('paths: a/**\ninclude: b/**\n').message).toBe('.github/iam-policy-gate.yml:2: include: give either paths or include, not both');
  });

  it('an explicit --config that does not exist is an error; a missing default file is not', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ipg-cfg-'));
    try {
      expect(() => loadOptions(dir, dir, 'nope.yml')).toThrow('config file not found: nope.yml');
      expect(loadOptions(dir, dir).file).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parseSeverity still names where the value came from', () => {
    expect(parseSeverity('error', '--fail-on')).toBe('error');
    expect(() => parseSeverity('high', '--fail-on')).toThrow('--fail-on must be one of error, security-warning, warning, suggestion (got "high")');
  });
});

describe('the config file path', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipg-cfg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('errors name the file relative to the working directory', () => {
    mkdirSync(path.join(dir, 'ci'));
    writeFileSync(path.join(dir, 'ci', 'gate.yml'), 'fail-on: error\nbogus: 1\n');
    expect(() => loadOptions(dir, path.join(dir, 'ci'), 'gate.yml')).toThrow('gate.yml:2: bogus: unknown key');
    expect(() => loadOptions(dir, dir, 'ci/gate.yml')).toThrow('ci/gate.yml:2: bogus: unknown key');
  });

  it('the default config file is repository content: a symlink out of the repository is refused, not followed', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'ipg-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.yml'), 'fail-on: error\n');
      mkdirSync(path.join(dir, '.github'));
      symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, DEFAULT_CONFIG_PATH));
      expect(() => loadOptions(dir, dir)).toThrow(/^\.github\/iam-policy-gate\.yml: cannot read the config file: .*refused: the path resolves outside the repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a config path that is a directory, or not UTF-8, is a clear error', () => {
    mkdirSync(path.join(dir, 'cfg'));
    expect(() => loadOptions(dir, dir, 'cfg')).toThrow('cfg: cannot read the config file: cfg is not a regular file');
    writeFileSync(path.join(dir, 'bin.yml'), Buffer.from([0x66, 0x3a, 0x20, 0xff, 0xfe]));
    expect(() => loadOptions(dir, dir, 'bin.yml')).toThrow('bin.yml: cannot read the config file: not valid UTF-8 text');
  });
});
