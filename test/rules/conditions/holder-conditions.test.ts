/**
 * In an identity policy, conditions that are always true for the holder (its own account, ARN, tags, organisation,
 * or a resource in the holder's own account) narrow nothing, and "only via CloudFormation" (aws:CalledVia and
 * friends) leaves the actions to anyone who can drive the service. Escalation paths behind such conditions stay
 * blocking; conditions that really narrow (a resource tag, a private network) close them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policyFindings } from '../../helpers/rule-tester.js';
import { privilegeEscalation } from '../../../src/checks/rules/privilege-escalation.js';
import { resourceExposure } from '../../../src/checks/rules/resource-exposure.js';

const OWN = '123456789012'; // defaultOptions' account

function escalation(condition: object, action = 'iam:CreatePolicyVersion') {
  return policyFindings(privilegeEscalation, {
    policyType: 'identity',
    code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*', Condition: condition }] },
  });
}

describe('conditions always true for the holder do not close an escalation path', () => {
  it('its own account, ARN, organisation, tags, user id', () => {
    const always: object[] = [
      { StringEquals: { 'aws:PrincipalAccount': OWN } },
      { StringEquals: { 'aws:ResourceAccount': OWN } },
      { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
      { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${OWN}:role/deployer` } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg' } },
      { StringEquals: { 'aws:PrincipalTag/team': 'platform' } },
      { StringLike: { 'aws:userid': 'AROAEXAMPLEROLEID1234:*' } },
      // the holder tags its own request
      { StringEquals: { 'aws:RequestTag/team': 'platform' } },
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
    ];
    for (const c of always) {
      const f = escalation(c);
      expect(f.map((x) => x.severity), JSON.stringify(c)).toEqual(['error']);
    }
  });

  it('generated vacuous network and tag values', () => {
    fc.assert(
      fc.property(fc.constantFrom('*', '?*', '*?', '*?*'), fc.constantFrom('0.0.0.0/0', '::/0'), (w, net) => {
        expect(escalation({ StringLike: { 'aws:ResourceTag/team': w } }).map((x) => x.severity)).toEqual(['error']);
        expect(escalation({ IpAddress: { 'aws:SourceIp': net } }).map((x) => x.severity)).toEqual(['error']);
        expect(escalation({ StringLike: { 'aws:SourceVpce': `vpce-${w}` } }).map((x) => x.severity)).toEqual(['error']);
      }),
      { numRuns: 20 },
    );
  });

  it('IAM writes allowed only via CloudFormation are full IAM writes for anyone who can create a stack', () => {
    for (const op of ['ForAnyValue:StringEquals', 'StringEquals']) {
      for (const key of ['aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast']) {
        const f = escalation({ [op]: { [key]: 'cloudformation.amazonaws.com' } }, 'iam:PutRolePolicy');
        expect(f.map((x) => x.severity)).toEqual(['error']);
      }
    }
    expect(escalation({ Bool: { 'aws:ViaAWSService': 'true' } }, 'iam:AttachRolePolicy').map((x) => x.severity)).toEqual(['error']);
    const exposure = policyFindings(resourceExposure, {
      policyType: 'identity',
      code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } } }] },
    });
    expect(exposure.map((x) => x.severity)).toEqual(['security-warning']);
    expect(exposure[0]!.message).toContain('The condition aws:CalledVia cloudformation.amazonaws.com restricts nothing');
  });

  it('benign: a resource tag, a private network, another account\'s resources narrow the grant', () => {
    expect(escalation({ StringEquals: { 'aws:ResourceTag/sandbox': 'true' } })).toEqual([]);
    expect(escalation({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toEqual([]);
    expect(escalation({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })).toEqual([]);
    expect(escalation({ StringEquals: { 'aws:ResourceAccount': '444455556666' } })).toEqual([]);
    expect(escalation({ StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } })).toEqual([]);
  });
});
