/** Statement identity (what a fingerprint is built from) and coverage (a statement only narrowed). */
import { describe, expect, it } from 'vitest';
import { statementIdentity } from '../../src/policy/fingerprint.js';
import { statementCovers } from '../../src/engine/coverage.js';

const read = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' };

describe('statementIdentity', () => {
  it('ignores the Sid, value order, duplicates, action case and the two spellings of the anonymous principal', () => {
    const same = { Resource: ['arn:aws:s3:::site/*'], Action: ['S3:GetObject', 's3:getobject'], Principal: { AWS: '*' }, Effect: 'Allow', Sid: 'Renamed' };
    expect(statementIdentity(same)).toBe(statementIdentity(read));
  });

  it('changes when the statement grants more under the same Sid: an action, a resource, a principal, a condition dropped', () => {
    const id = statementIdentity(read);
    expect(statementIdentity({ ...read, Action: ['s3:GetObject', 's3:PutObject'] })).not.toBe(id);
    expect(statementIdentity({ ...read, Resource: ['arn:aws:s3:::site/*', 'arn:aws:s3:::logs/*'] })).not.toBe(id);
    const withCondition = { ...read, Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } };
    expect(statementIdentity(withCondition)).not.toBe(id);
    expect(statementIdentity({ ...withCondition, Condition: { IpAddress: { 'AWS:SOURCEIP': '10.0.0.0/8' } } })).toBe(statementIdentity(withCondition));
  });
});

describe('statementCovers(base, head)', () => {
  it('covers a head that only narrows: fewer actions or resources, an added condition, more NotAction exceptions', () => {
    const base = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] };
    expect(statementCovers(base, { ...base, Action: 's3:GetObject' })).toBe(true);
    expect(statementCovers(base, { ...base, Resource: 'arn:aws:s3:::a/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).toBe(true);
    const notAction = { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' };
    expect(statementCovers(notAction, { ...notAction, NotAction: ['iam:*', 'organizations:*'] })).toBe(true);
  });

  it('does not cover a head that widens, changes effect, drops a base condition or swaps Action for NotAction', () => {
    const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(statementCovers(base, { ...base, Action: 's3:Get*' })).toBe(false);
    expect(statementCovers(base, { ...base, Resource: '*' })).toBe(false);
    expect(statementCovers(base, { ...base, Condition: undefined })).toBe(false);
    expect(statementCovers(base, { ...base, Effect: 'Deny' })).toBe(false);
    const { Action: _a, ...rest } = base;
    expect(statementCovers(base, { ...rest, NotAction: 's3:DeleteObject' })).toBe(false);
  });

  it('wildcard-aware: a head value matched by a base pattern is narrowed (prefix, action wildcard, principal *)', () => {
    const pub = { Effect: 'Allow', Principal: '*', Action: 's3:Get*', Resource: 'arn:aws:s3:::site/*' };
    expect(statementCovers(pub, { ...pub, Resource: 'arn:aws:s3:::site/public/*' })).toBe(true);
    expect(statementCovers(pub, { ...pub, Action: ['s3:GetObject', 'S3:GetObjectVersion'] })).toBe(true);
    expect(statementCovers(pub, { ...pub, Principal: { AWS: 'arn:aws:iam::111122223333:root' } })).toBe(true);
    const notAction = { Effect: 'Allow', NotAction: ['iam:CreateUser'], Resource: '*' };
    expect(statementCovers(notAction, { ...notAction, NotAction: ['iam:Create*'] })).toBe(true);
  });

  it('wildcard-aware, sound: never covers a head pattern wider than the base, nor across types or variables', () => {
    const pub = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/public/*' };
    expect(statementCovers(pub, { ...pub, Resource: 'arn:aws:s3:::site/*' })).toBe(false);
    expect(statementCovers(pub, { ...pub, Resource: 'arn:aws:s3:::site/public*' })).toBe(false);
    expect(statementCovers(pub, { ...pub, Resource: 'arn:aws:s3:::site/PUBLIC/x' })).toBe(false); // ARNs are case-sensitive
    expect(statementCovers({ ...pub, Resource: 'arn:aws:s3:::site/?' }, { ...pub, Resource: 'arn:aws:s3:::site/*' })).toBe(false);
    expect(statementCovers({ ...pub, Action: 's3:Get*' }, { ...pub, Action: 's3:*' })).toBe(false);
    expect(statementCovers({ ...pub, Principal: { AWS: '*' } }, { ...pub, Principal: { Service: 'ec2.amazonaws.com' } })).toBe(false);
    const home = { ...pub, Resource: 'arn:aws:s3:::site/${aws:username}/*' };
    expect(statementCovers(home, { ...pub, Resource: 'arn:aws:s3:::site/alice/*' })).toBe(false);
    expect(statementCovers({ ...pub, Resource: 'arn:aws:s3:::site/*' }, home)).toBe(false);
    const notAction = { Effect: 'Allow', NotAction: ['iam:Create*'], Resource: '*' };
    expect(statementCovers(notAction, { ...notAction, NotAction: ['iam:CreateUser'] })).toBe(false);
  });
});
