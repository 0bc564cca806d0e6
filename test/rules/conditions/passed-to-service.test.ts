/**
 * iam:PassedToService naming the very service the same principal can create or update compute in does not close
 * the escalation path: PassRole to lambda.amazonaws.com plus lambda:CreateFunction is the path. Every PassRole
 * method of the risk catalogue is exercised with the service it runs code in; a condition naming another service,
 * or PassRole scoped to named roles, closes it.
 */
import { describe, expect, it } from 'vitest';
import { policyFindings } from '../../helpers/rule-tester.js';
import { privilegeEscalation, methodPrincipals } from '../../../src/checks/rules/privilege-escalation.js';
import { ESCALATION_METHODS } from '../../../src/checks/least-privilege/risk-data.js';
import { actionInfo } from '../../../src/catalog/index.js';

function findings(passedTo: { op: string; values: string[] } | undefined, others: string[], passResource = '*') {
  const pass: Record<string, unknown> = { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: passResource };
  if (passedTo) pass.Condition = { [passedTo.op]: { 'iam:PassedToService': passedTo.values } };
  return policyFindings(privilegeEscalation, {
    policyType: 'identity',
    code: { Version: '2012-10-17', Statement: [pass, { Sid: 'Compute', Effect: 'Allow', Action: others, Resource: '*' }] },
  });
}

const passRoleMethods = ESCALATION_METHODS.filter(
  (m) => m.actions.includes('iam:passrole') && m.actions.every((a) => a === 'iam:passrole' || actionInfo(a) !== undefined),
);

describe('iam:PassedToService naming the compute service does not close the path', () => {
  it('covers the PassRole methods of the catalogue', () => {
    expect(passRoleMethods.length).toBeGreaterThanOrEqual(20);
  });

  for (const method of passRoleMethods) {
    const others = method.actions.filter((a) => a !== 'iam:passrole').map((a) => actionInfo(a)!.key);
    const target = methodPrincipals(method)[0]!;
    it(`${method.name}: PassedToService ${target}`, () => {
      const f = findings({ op: 'StringEquals', values: [target] }, others);
      expect(f.map((x) => x.severity)).toEqual([method.source === 'gate' ? 'security-warning' : 'error']);
      expect(f[0]!.message).toContain('names the very service the path runs code in');
      // a list naming it among others, and a pattern that matches it, are the same
      expect(findings({ op: 'StringEquals', values: ['states.amazonaws.com', target] }, others)).toHaveLength(1);
      expect(findings({ op: 'StringLike', values: [`${target.split('.')[0]}.*`] }, others)).toHaveLength(1);
    });
  }

  it('benign: a service the principal cannot run code in, or PassRole scoped to a named role', () => {
    const lambda = ['lambda:CreateFunction', 'lambda:InvokeFunction'];
    expect(findings({ op: 'StringEquals', values: ['states.amazonaws.com'] }, lambda)).toEqual([]);
    expect(findings({ op: 'StringEquals', values: ['lambda.amazonaws.com'] }, lambda, 'arn:aws:iam::123456789012:role/app-fn')).toEqual([]);
  });

  it('a vacuous PassedToService (*.amazonaws.com, *) is no condition at all', () => {
    for (const v of ['*.amazonaws.com', '*', '?*.amazonaws.com']) {
      const f = findings({ op: 'StringLike', values: [v] }, ['ec2:RunInstances']);
      expect(f.map((x) => x.severity)).toEqual(['error']);
    }
  });
});
