import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/config/options.js';
import { runScpStage } from '../../src/checks/scp/index.js';
import { catalogUniverse, count, expandPattern } from '../../src/engine/actions.js';
import { evaluateEntry } from '../../src/engine/contexts.js';
import { rawExtractor } from '../../src/extract/raw.js';
import type { ExtractResult } from '../../src/extract/types.js';
import type { ConditionView } from '../../src/policy/statements.js';
import { scpImpactSection } from '../../src/report/markdown.js';
import type { GateResult } from '../../src/result.js';

const j = (o: unknown) => JSON.stringify(o, null, 2);
const GLOBALS = ['iam:*', 'sts:*', 'organizations:*', 'support:*', 'route53:*', 'cloudfront:*', 'budgets:*', 'aws-portal:*', 'waf:*', 'globalaccelerator:*'];
const lock = (notAction: string[] | undefined, regions: string[], extra: Record<string, unknown> = {}) =>
  j({
    Version: '2012-10-17',
    Statement: [{ Sid: 'RegionLock', Effect: 'Deny', ...(notAction ? { NotAction: notAction } : { Action: '*' }), Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': regions }, ...extra } }],
  });

function stage(head: string, base?: string) {
  const options = defaultOptions('/repo');
  const file = 'scps/x.json';
  const r = rawExtractor.extract({ file, repoPath: file, displayPath: (p) => p, text: head, options, explicit: true, readRepoFile: () => '' }) as ExtractResult;
  if (base !== undefined) r.policies[0]!.base = JSON.parse(base);
  return runScpStage({ policies: r.policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: () => ({}) });
}

const cond = (operator: string, key: string, values: unknown[]): ConditionView => ({ operator, key, values: values.map((value, i) => ({ value, path: `/v/${i}` })), path: '/c' }) as ConditionView;

describe('condition evaluation in a request context', () => {
  it('follows IAM on missing keys, IfExists, set qualifiers, Null, Bool and CIDRs', () => {
    const none = new Map([['aws:principaltag/team', undefined]]);
    expect(evaluateEntry(cond('StringNotEquals', 'aws:PrincipalTag/team', ['x']), none)).toBe(true);
    expect(evaluateEntry(cond('StringEquals', 'aws:PrincipalTag/team', ['x']), none)).toBe(false);
    expect(evaluateEntry(cond('StringEqualsIfExists', 'aws:PrincipalTag/team', ['x']), none)).toBe(true);
    expect(evaluateEntry(cond('Null', 'aws:PrincipalTag/team', ['true']), none)).toBe(true);
    expect(evaluateEntry(cond('ForAllValues:StringEquals', 'aws:PrincipalTag/team', ['x']), none)).toBe(true);
    expect(evaluateEntry(cond('ForAnyValue:StringEquals', 'aws:PrincipalTag/team', ['x']), none)).toBe(false);
    const ctx = new Map([['aws:sourceip', ['10.1.2.3']], ['aws:multifactorauthpresent', ['false']], ['aws:principalarn', ['arn:aws:iam::111122223333:role/BreakGlass']]]);
    expect(evaluateEntry(cond('NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8']), ctx)).toBe(false);
    expect(evaluateEntry(cond('IpAddress', 'aws:SourceIp', ['192.0.2.0/24']), ctx)).toBe(false);
    expect(evaluateEntry(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', ['false']), ctx)).toBe(true);
    expect(evaluateEntry(cond('ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/BreakGlass']), ctx)).toBe(false);
    // what cannot be evaluated stays "may apply": a key not in the context, a policy variable, a numeric operator
    expect(evaluateEntry(cond('StringEquals', 'aws:ResourceTag/env', ['prod']), ctx)).toBeUndefined();
    expect(evaluateEntry(cond('StringEquals', 'aws:PrincipalArn', ['${aws:username}']), ctx)).toBeUndefined();
    expect(evaluateEntry(cond('NumericLessThan', 'aws:MultiFactorAuthAge', ['3600']), new Map([['aws:multifactorauthage', ['10']]]))).toBeUndefined();
  });
});

describe('SCP change impact per request context', () => {
  const u = catalogUniverse();

  it('dangerous: narrowing a region list denies every non-exempt action in the dropped Region', () => {
    const r = stage(lock(GLOBALS, ['eu-west-1']), lock(GLOBALS, ['eu-west-1', 'us-east-1']));
    const t = r.impacts[0]!.targets[0]!;
    expect(t.contexts).toHaveLength(1);
    const c = t.contexts[0]!;
    expect(c.when).toBe('aws:RequestedRegion is "us-east-1"');
    expect(c.summary).toMatch(/^When aws:RequestedRegion is "us-east-1": every action except .*iam:\*.*now denied/);
    expect(c.newlyDeniedCount).toBe(u.actions.length - count(expandPattern(u, 'iam:*')) - GLOBALS.slice(1).reduce((s, g) => s + count(expandPattern(u, g)), 0));
    expect(r.findings.find((f) => f.ruleId === 'scp-change-impact')!.message).toMatch(/us-east-1/);
  });

  it('the Markdown section leads with the lock-out risk, then the per-context table', () => {
    const r = stage(lock(GLOBALS.filter((g) => g !== 'sts:*'), ['eu-west-1']), lock(GLOBALS, ['eu-west-1', 'us-east-1']));
    const md = scpImpactSection({ scpImpacts: r.impacts, findings: r.findings } as unknown as GateResult).join('\n').replace(/\\/g, '');
    const risk = md.indexOf('Lock-out risks');
    const ctx = md.indexOf('| Requests (condition values) | What changes there |');
    expect(risk).toBeGreaterThan(0);
    expect(ctx).toBeGreaterThan(risk);
    expect(md.slice(risk, ctx)).toMatch(/stops exempting sts:\*/);
    expect(md).toMatch(/\| aws:RequestedRegion is "us-east-1" \| every action except .* now denied .*\|/);
    expect(md).toMatch(/\| aws:RequestedRegion is any other region \| sts:\* now denied .*\|/);
    expect(md).not.toContain('By request context');
  });

  it('the per-context table is folded when it has more than five rows', () => {
    const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'us-east-1'];
    // each Region denies a different action before and after: one group of requests per Region
    const acts = ['RunInstances', 'StopInstances', 'StartInstances', 'RebootInstances', 'CreateVpc', 'CreateSubnet', 'DeleteSubnet', 'DeleteVpc'];
    const perRegion = (shift: number) => j({ Version: '2012-10-17', Statement: regions.map((reg, i) => ({ Sid: `R${i}`, Effect: 'Deny', Action: `ec2:${acts[i + shift]}`, Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': reg } } })) });
    const r = stage(perRegion(1), perRegion(0));
    expect(r.impacts[0]!.targets[0]!.contexts.length).toBeGreaterThan(5);
    const md = scpImpactSection({ scpImpacts: r.impacts, findings: r.findings } as unknown as GateResult).join('\n');
    expect(md).toMatch(/<details><summary>By request context: \d+ groups<\/summary>\n\n\| Requests \(condition values\) \| What changes there \|/);
  });

  it('dangerous: a new tag guardrail is stated for the tagged resources only', () => {
    const base = j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] });
    const head = j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' },
        { Effect: 'Deny', Action: ['ec2:TerminateInstances', 'rds:DeleteDBInstance'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } },
      ],
    });
    const t = stage(head, base).impacts[0]!.targets[0]!;
    expect(t.contexts.map((c) => c.summary)).toEqual(['When aws:ResourceTag/env is "prod": 1 ec2 action (ec2:TerminateInstances), 1 rds action (rds:DeleteDBInstance) now denied (2 actions, allowed before)']);
  });

  it('dangerous: removing a break-glass principal from an exemption denies it, and only it', () => {
    const g = (arns: string[]) => j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': arns } } }] });
    const t = stage(g(['arn:aws:iam::*:role/Admin']), g(['arn:aws:iam::*:role/Admin', 'arn:aws:iam::*:role/BreakGlass'])).impacts[0]!.targets[0]!;
    expect(t.contexts.map((c) => c.when)).toEqual(['aws:PrincipalArn is like "arn:aws:iam::*:role/BreakGlass"']);
    expect(t.newlyDeniedCount).toBe(1);
  });

  it('benign: a reformatted SCP (regions reordered, NotAction reordered) changes nothing in any context', () => {
    const r = stage(lock([...GLOBALS].reverse(), ['eu-central-1', 'eu-west-1']), lock(GLOBALS, ['eu-west-1', 'eu-central-1']));
    const t = r.impacts[0]!.targets[0]!;
    expect([t.newlyDeniedCount, t.newlyAllowedCount, t.contexts.length]).toEqual([0, 0, 0]);
    expect(r.findings).toEqual([]);
  });

  it('benign: an MFA condition added to a Deny that already applied to everyone changes nothing', () => {
    const d = (c?: unknown) => j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*', ...(c ? { Condition: c } : {}) }] });
    const t = stage(d({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }), d()).impacts[0]!.targets[0]!;
    // with MFA the delete is allowed again; without, still denied
    expect(t.contexts.map((c) => c.when)).toEqual(['aws:MultiFactorAuthPresent is true']);
    expect(t.newlyAllowedCount).toBe(1);
    expect(t.newlyDeniedCount).toBe(0);
  });
});

describe('region locks and global services', () => {
  const rule = (r: ReturnType<typeof stage>) => r.findings.filter((f) => f.ruleId === 'scp-region-lock-global-services');

  it('dangerous: a region lock outside us-east-1 without exemptions denies IAM, STS and the rest, for everyone', () => {
    const f = rule(stage(lock(undefined, ['eu-west-1'])));
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toMatch(/sts:\* \(role assumption through the global STS endpoint/);
    expect(f[0]!.message).toMatch(/no break-glass exception.*management account/);
  });

  it('dangerous: removing an exemption in a PR names what the base version exempted', () => {
    const f = rule(stage(lock(GLOBALS.filter((g) => g !== 'sts:*'), ['eu-west-1'], { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } }), lock(GLOBALS, ['eu-west-1'], { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } })));
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/this change stops exempting sts:\*, which the base version exempted: lock-out risk/);
    expect(f[0]!.message).toMatch(/except arn:aws:iam::\*:role\/BreakGlass/);
  });

  it('benign: global services exempted, us-east-1 allowed, or a VPC-scoped Region condition', () => {
    expect(rule(stage(lock(GLOBALS, ['eu-west-1'])))).toEqual([]);
    expect(rule(stage(lock(undefined, ['eu-west-1', 'us-east-1'])))).toEqual([]);
    expect(rule(stage(lock(undefined, ['eu-west-1'], { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } })))).toEqual([]);
  });
});
