/**
 * The grant evaluator (src/engine/grants.ts) answers the same question in two shapes: the least-privilege rules read
 * a statement's actions element by element (grantOf / expandStatementActions), the SCP hierarchy as a bitset
 * (compileStatements). A statement must grant the same actions in both, or an SCP finding and a least-privilege
 * finding about one policy would disagree. Property test over Action / NotAction lists built from real and hostile
 * pattern pieces.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { catalogUniverse, members, actionMatches } from '../../src/engine/actions.js';
import { compileStatements, expandStatementActions, grantOf } from '../../src/engine/grants.js';
import { statementsOf } from '../../src/policy/statements.js';

const PATTERNS = ['*', 's3:*', 's3:Get*', 's?:Get*', 'iam*', '*:List*', 'iam:PassRole', 'IAM:passrole', 'ec2:Describe?nstances', 'kms:*Key*', 'sts:Assume*', 'nosuch:*', 's3:', '?*', 'lambda:*Function', 'dynamodb:?et*'];

describe('one grant evaluator, two shapes', () => {
  it('grants the same actions as elements and as a bitset, for Action and NotAction', () => {
    const u = catalogUniverse();
    fc.assert(
      fc.property(fc.boolean(), fc.uniqueArray(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 4 }), (not, list) => {
        const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', [not ? 'NotAction' : 'Action']: list, Resource: '*' }] };
        const [view] = statementsOf(doc);
        const byElement = new Set([...expandStatementActions(view!).keys()].map((k) => k.toLowerCase()));
        const [compiled] = compileStatements(u, doc, 'p', 'p');
        const bits = new Set(members(u, compiled!.actions).map((k) => k.toLowerCase()));
        expect(bits).toEqual(byElement);
        // the lazy lookups of grantOf agree with the expansion, and with the one-pattern matcher
        const g = grantOf(view!)!;
        for (const probe of ['s3:GetObject', 'iam:PassRole', 'ec2:DescribeInstances', 'kms:CreateKey', 'sts:AssumeRole']) {
          const granted = g.actions.get(probe) !== undefined;
          expect(granted).toBe(byElement.has(probe.toLowerCase()));
          expect(granted).toBe(not ? !list.some((p) => actionMatches(p, probe)) : list.some((p) => actionMatches(p, probe)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('picks the same granted actions from a key list whether it walks the keys or the statement', () => {
    // pick() walks a small statement's actions instead of looking up every key: same entries, same order
    const KEYS = ['iam:PassRole', 's3:GetObject', 'ec2:DescribeInstances', 'kms:CreateKey', 'sts:AssumeRole', 's3:PutObject', 'lambda:InvokeFunction', 'iam:passrole', 'nosuch:Thing', 'dynamodb:GetItem', 'dynamodb:Query'];
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(...PATTERNS, 's3:GetObject', 'dynamodb:GetItem', 'iam:PassRole'), { minLength: 1, maxLength: 4 }), fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1 }), (not, list, keys) => {
        expectPickAsGet({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [not ? 'NotAction' : 'Action']: list, Resource: '*' }] }, keys);
      }),
      { numRuns: 80 },
    );
  });

  it('picks each key at its first covering element when many wildcard elements of several services are listed', () => {
    // a statement of many wildcard elements (an AWS managed policy's `s3:Get*`, `iam:List*`, ...) against a long key
    // list: each wildcard element is asked only about its own service's keys; the answer is still get()'s, key by key
    const WILD = ['s3:Get*', 'S3:get*', 'IAM:Pass*', 'iam:*Policy*', 'iam:Create*', 'Lambda:Create*', 'lambda:*', 'ec2:Run*', 'ec2:*', '*:Get*', '*:Pass*', '?*', 'iam*', 'sts:Assume*', 'nosuch:*', 'dynamodb:?et*', 'kms:*Key*', 'glue:*DevEndpoint*', 'cloudformation:*Stack*', 'ssm:*'];
    const EXACT = ['iam:PassRole', 'IAM:passrole', 'lambda:CreateFunction', 'ec2:RunInstances', 's3:GetObject', 'iam:AttachRolePolicy', 'nosuch:Thing'];
    const KEYS = ['iam:PassRole', 'iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode', 'ec2:RunInstances', 'glue:CreateDevEndpoint', 'glue:UpdateDevEndpoint', 'cloudformation:CreateStack', 'sts:AssumeRole', 's3:GetObject', 's3:PutObject', 'ssm:SendCommand', 'ssm:StartSession', 'kms:CreateKey', 'dynamodb:GetItem', 'nosuch:Thing', 'iam:passrole'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WILD, ...EXACT), { minLength: 2, maxLength: 12 }), fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1 }), (list, keys) => {
        expectPickAsGet({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: list, Resource: '*' }] }, keys);
      }),
      { numRuns: 150 },
    );
  });
});

/** pick(keys) on a fresh view of `doc` gives get()'s answers (another view's), key by key, in the keys' order. */
function expectPickAsGet(doc: object, keys: string[]): void {
  const [view] = statementsOf(doc);
  const byKey = keys.flatMap((k) => {
    const at = grantOf(view!)!.actions.get(k);
    return at ? [[k, at.path]] : [];
  });
  const [fresh] = statementsOf(doc);
  expect(grantOf(fresh!)!.actions.pick(keys).map(([k, at]) => [k, at.path])).toEqual(byKey);
}
