import { describe, expect, it } from 'vitest';
import { actionInfo, catalogStamp, conditionKeyInfo, getCatalog, resourceTypesFor, serviceExists, suggestAction, suggestService } from '../../src/catalog/index.js';
import { actionMatches, expandActionPattern, expandNotAction } from '../../src/engine/actions.js';
import { arnMatchesResourceType } from '../../src/engine/arn-patterns.js';
import { globMatch, globsIntersect, globCovers } from '../../src/engine/wildcard.js';

describe('IAM catalogue', () => {
  it('loads services, actions and the data date', () => {
    const c = getCatalog();
    expect(c.services.length).toBeGreaterThan(400);
    expect(c.actions.length).toBeGreaterThan(20000);
    expect(c.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(catalogStamp()).toEqual({ version: c.version, date: c.date });
  });

  it('looks actions up case-insensitively, with split access levels', () => {
    const a = actionInfo('IAM:createpolicyversion')!;
    expect(a.key).toBe('iam:CreatePolicyVersion');
    expect(a.accessLevel).toBe('Permissions management');
    expect(a.accessLevels).toEqual(['Permissions management', 'Write']);
    expect(actionInfo('s3:GetObject')!.accessLevel).toBe('Read');
    expect(actionInfo('s3:ListAllMyBuckets')!.isWildcardOnly).toBe(true);
    expect(actionInfo('s3:GetObjekt')).toBeUndefined();
    expect(actionInfo('nope:GetObject')).toBeUndefined();
  });

  it('expands wildcards and NotAction', () => {
    const gets = expandActionPattern('s3:Get*');
    expect(gets).toContain('s3:GetObject');
    expect(gets.every((a) => a.startsWith('s3:Get'))).toBe(true);
    expect(expandActionPattern('s3:getobjec?')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('*')).toHaveLength(getCatalog().actions.length);
    expect(expandActionPattern('s3:Nothing*')).toEqual([]);
    expect(expandActionPattern('GetObject')).toEqual([]);
    expect(expandActionPattern('iam:*Policy').length).toBeGreaterThan(5);
    expect(expandActionPattern('s*:GetObject')).toContain('s3:GetObject');
    const not = expandNotAction(['s3:*', 'iam:*']);
    expect(not).not.toContain('s3:GetObject');
    expect(not).toContain('ec2:RunInstances');
    expect(not.length).toBe(getCatalog().actions.length - expandActionPattern('s3:*').length - expandActionPattern('iam:*').length);
  });

  it('matches resource ARNs against resource types', () => {
    const [apObject, object] = resourceTypesFor('s3:GetObject').sort((x, y) => x.name.localeCompare(y.name));
    expect(object!.name).toBe('object');
    expect(arnMatchesResourceType('arn:aws:s3:::my-bucket', object!)).toBe(false);
    expect(arnMatchesResourceType('arn:aws:s3:::my-bucket/*', object!)).toBe(true);
    expect(arnMatchesResourceType('arn:aws:s3:::my-bucket/${aws:username}/*', object!)).toBe(true);
    expect(arnMatchesResourceType('arn:aws:s3:::my-bucket', apObject!)).toBe(false);
    expect(arnMatchesResourceType('*', object!)).toBe(true);
    const role = resourceTypesFor('iam:PassRole')[0]!;
    expect(arnMatchesResourceType('arn:aws:iam::123456789012:role/app/*', role)).toBe(true);
    expect(arnMatchesResourceType('arn:aws:iam::123456789012:user/bob', role)).toBe(false);
  });

  it('knows condition keys, their types and which actions take them', () => {
    expect(conditionKeyInfo('aws:SourceIp')).toMatchObject({ type: 'IPAddress', global: true });
    expect(conditionKeyInfo('aws:ResourceTag/team')).toMatchObject({ global: true });
    expect(conditionKeyInfo('aws:TagKeys')).toMatchObject({ multivalued: true });
    expect(conditionKeyInfo('s3:prefix', 's3:ListBucket')).toMatchObject({ key: 's3:prefix', global: false });
    expect(conditionKeyInfo('s3:prefix', 's3:PutObject')).toBeUndefined();
    expect(conditionKeyInfo('s3:ExistingObjectTag/env', 's3:GetObject')).toBeDefined();
    expect(conditionKeyInfo('iam:PassedToService', 'iam:PassRole')).toBeDefined();
    expect(conditionKeyInfo('s3:nosuchkey')).toBeUndefined();
  });

  it('suggests close names', () => {
    expect(serviceExists('S3')).toBe(true);
    expect(serviceExists('s4')).toBe(false);
    expect(suggestAction('s3:GetObjekt')).toBe('s3:GetObject');
    expect(suggestAction('ec2:DescribeInstance')).toBe('ec2:DescribeInstances');
    expect(suggestService('dynamdb')).toBe('dynamodb');
    expect(suggestAction('s3:CompletelyUnrelatedThing')).toBeUndefined();
  });
});

describe('wildcard matching', () => {
  it('matches globs', () => {
    expect(globMatch('s3:Get*', 's3:getobject')).toBe(true);
    expect(globMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(globMatch('s3:*Object', 's3:GetObjectAcl')).toBe(false);
    expect(actionMatches('*', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('kms:*', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('kms:Encrypt', 'kms:Decrypt')).toBe(false);
  });

  it('is safe on hostile patterns', () => {
    const stars = '*'.repeat(50_000) + 'b';
    const text = 'a'.repeat(50_000);
    expect(globMatch(stars, text)).toBe(false);
    expect(globMatch('a*'.repeat(5_000) + 'b', 'a'.repeat(20_000))).toBe(false);
    expect(expandActionPattern('s3:' + '*'.repeat(10_000) + 'x').every((a) => a.toLowerCase().endsWith('x'))).toBe(true);
    expect(globsIntersect('a*'.repeat(100) + 'b', 'a*'.repeat(100) + 'c')).toBe(false);
    expect(globsIntersect('x'.repeat(5_000), 'x*'.repeat(1_000))).toBeUndefined();
  });

  it('intersects and covers patterns', () => {
    expect(globsIntersect('arn:aws:s3:::b/*', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')).toBe(true);
    expect(globsIntersect('arn:aws:s3:::b', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')).toBe(false);
    expect(globCovers('arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/*')).toBe(true);
    expect(globCovers('arn:aws:s3:::b/x/*', 'arn:aws:s3:::b/*')).toBe(false);
    expect(globCovers('s3:*', 's3:Get*')).toBe(true);
    expect(globCovers('s3:Get*', 's3:*')).toBe(false);
  });
});

describe('hostile input', () => {
  it('expands long and star-heavy patterns to nothing or to the right actions, without blowing up', () => {
    expect(expandActionPattern('*:' + '*a'.repeat(20_000))).toEqual([]);
    expect(expandActionPattern('s3:' + 'Get'.repeat(30_000))).toEqual([]);
    expect(expandActionPattern('s3:G*e*t*O*b*j*e*c*t')).toContain('s3:GetObject');
    expect(expandActionPattern('*'.repeat(100_000) + ':GetObject')).toContain('s3:GetObject');
  });

  it('does not judge absurdly long resource ARNs', () => {
    const object = resourceTypesFor('s3:GetObject').find((r) => r.name === 'object')!;
    expect(arnMatchesResourceType('arn:aws:s3:::' + 'a*'.repeat(5_000), object)).toBeUndefined();
    expect(arnMatchesResourceType('arn:aws:s3:::' + 'a*'.repeat(500) + '/x', object)).toBe(true);
  });
});
