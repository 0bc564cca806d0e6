/** Permissions boundaries are judged as ceilings: what they fail to deny, not what they allow. */
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';
import { boundaryGaps } from '../../../src/checks/rules/boundary-gaps.js';
import { policyTypeFromPath, rawExtractor } from '../../../src/extract/raw.js';
import { defaultOptions } from '../../../src/config/options.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const B = 'boundary' as const;
const closing = [
  { Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:CreatePolicyVersion', 'iam:CreateUser'], Resource: '*' },
  { Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/team-boundary' } } },
];

ruleTester(boundaryGaps, {
  valid: [
    { name: 'Allow * with the gaps denied (CreateRole only with this boundary)', policyType: B, code: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, ...closing) },
    { name: 'a service-scoped ceiling grants no IAM action', policyType: B, code: doc({ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'logs:*'], Resource: '*' }) },
    { name: 'the same Allow * as an identity policy is not a boundary (admin-wildcard judges it)', policyType: 'identity', code: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'Allow * alone: every gap named',
      policyType: B,
      code: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      errors: [{ line: 6, message: /allows iam:DeleteRolePermissionsBoundary, .*iam:CreateUser, iam:CreateRole, iam:CreatePolicyVersion on every resource \(statement 0\): a role under it can remove its own boundary/, severity: 'warning' }],
    },
    {
      name: 'boundary removal denied, user creation still open',
      policyType: B,
      code: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, closing[1]!, { Effect: 'Deny', Action: 'iam:*PermissionsBoundary', Resource: '*' }, { Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: '*' }),
      errors: [{ line: 6, message: /allows iam:CreateUser on every resource \(statement 0\): it allows creating IAM users with no boundary/ }],
    },
  ],
});

describe('a raw policy file is a boundary by its name or folder', () => {
  it('names and folders saying boundary', () => {
    expect(['team-boundary.json', 'DeveloperBoundary.json', 'permissions-boundary.json', 'iam/boundaries/dev.json', 'iam/team-boundaries/dev.json'].map((f) => policyTypeFromPath(f))).toEqual(Array(5).fill('boundary'));
    expect(policyTypeFromPath('iam/policies/deploy.json')).toBeUndefined();
  });
});

describe('a raw policy file is a boundary by use in a Landing Zone Accelerator iam-config.yaml', () => {
  const IAM_CONFIG = `policySets:
  - policies:
      - name: Default-Boundary-Policy
        policy: iam-policies/default.json
      - name: App-Policy
        policy: iam-policies/app.json
roleSets:
  - roles:
      - name: EC2-Default-SSM-AD-Role
        boundaryPolicy: Default-Boundary-Policy
        policies:
          customerManaged: [App-Policy]
`;
  const files: Record<string, string> = { 'config/iam-config.yaml': IAM_CONFIG };
  const read = (p: string) => {
    if (!(p in files)) throw new Error('not found');
    return files[p]!;
  };
  const typeOf = (repoPath: string) =>
    (rawExtractor.extract({
      file: repoPath, repoPath, displayPath: (p) => p, text: JSON.stringify(doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
      options: defaultOptions('/repo'), explicit: true, readRepoFile: read,
    }) as { policies: { policyType: string; notes?: string[] }[] }).policies[0]!;

  it('the policy named as boundaryPolicy is a boundary (said so); the role\'s other policy stays an identity policy', () => {
    const b = typeOf('config/iam-policies/default.json');
    expect(b.policyType).toBe('boundary');
    expect(b.notes).toContain('a permissions boundary: config/iam-config.yaml names it as a boundaryPolicy');
    expect(typeOf('config/iam-policies/app.json').policyType).toBe('identity');
    expect(typeOf('other/iam-policies/default.json').policyType).toBe('identity');
  });
});

describe('a boundary by name alone cannot lower an admin policy below the threshold', () => {
  const admin = JSON.stringify(doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
  const sealed = JSON.stringify(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, ...closing));
  const run = async (files: Record<string, string>, policyTypes: { files: string[]; type: 'boundary' }[] = []) => {
    const { tmpRepo } = await import('../../helpers/tmp-repo.js');
    const { runGate } = await import('../../../src/gate.js');
    const root = tmpRepo(files);
    return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off', policyTypes });
  };
  it('Allow * named admin-boundary.json: blocks, and says why', async () => {
    const g = await run({ 'policies/admin-boundary.json': admin });
    expect(g.verdict.status).toBe('fail');
    const f = g.findings.find((x) => x.ruleId === 'boundary-gaps')!;
    expect(f.severity).toBe('security-warning');
    expect(f.message).toMatch(/Only its file name or folder says it is a boundary/);
  });
  it('the same file listed as a boundary in the (trusted) config: a warning, the check passes', async () => {
    const g = await run({ 'policies/admin-boundary.json': admin }, [{ files: ['policies/*-boundary.json'], type: 'boundary' }]);
    expect(g.findings.find((x) => x.ruleId === 'boundary-gaps')!.severity).toBe('warning');
    expect(g.verdict.status).toBe('pass');
  });
  it('a sealed boundary by name: nothing to report', async () => {
    const g = await run({ 'policies/team-boundary.json': sealed });
    expect(g.findings.filter((x) => x.ruleId === 'boundary-gaps')).toEqual([]);
    expect(g.verdict.status).toBe('pass');
  });
});

describe('LZA: a policy named as a boundary and also attached as a customer managed policy', () => {
  it('is judged as the identity policy it also is (Allow * blocks)', async () => {
    const { tmpRepo } = await import('../../helpers/tmp-repo.js');
    const { runGate } = await import('../../../src/gate.js');
    const config = (attached: boolean) =>
      `policySets:\n  - policies:\n      - name: Admin\n        policy: iam-policies/admin.json\nroleSets:\n  - roles:\n      - name: R\n        boundaryPolicy: Admin\n${attached ? '  - roles:\n      - name: S\n        policies:\n          customerManaged: [Admin]\n' : ''}`;
    const run = async (attached: boolean) => {
      const root = tmpRepo({ 'iam-policies/admin.json': JSON.stringify(doc({ Effect: 'Allow', Action: '*', Resource: '*' })), 'iam-config.yaml': config(attached) });
      return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    };
    expect((await run(true)).verdict.status).toBe('fail');
    // only a boundary: a ceiling, judged by what it fails to deny (a warning)
    expect((await run(false)).verdict.status).toBe('pass');
  });
});
