/**
 * Issue 15: a public S3 canned ACL (or an ACL grant to AllUsers / AuthenticatedUsers) is a public bucket. Each
 * source format turns it into the equivalent resource policy record, judged by the exposure rules on the ACL's
 * line; private ACLs are benign controls; an ACL value not known before deployment is its worst case, said so.
 */
import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/result.js';
import { scan } from './cloudformation/scan-helper.js';

const exposure = (r: GateResult) => r.findings.filter((f) => f.ruleId === 'resource-policy-exposure');
const record = (r: GateResult, resource: string) => r.policies.find((p) => p.resource === resource);
const actionsOf = (r: GateResult, resource: string): string[] =>
  ((record(r, resource)?.document as { Statement: { Action: string[] }[] } | undefined)?.Statement ?? []).flatMap((s) => s.Action).sort();

describe('canned ACLs: Terraform .tf', () => {
  it('aws_s3_bucket_acl public-read-write: a public resource policy on the acl line, derived from the ACL', async () => {
    const r = await scan({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-data"\n}\nresource "aws_s3_bucket_acl" "a" {\n  bucket = aws_s3_bucket.b.id\n  acl    = "public-read-write"\n}\n',
    });
    expect(r.verdict.status).toBe('fail');
    const rec = record(r, 'aws_s3_bucket_acl.a')!;
    expect(rec.policyType).toBe('resource');
    expect(rec.notes?.join(' ')).toMatch(/derived from the canned ACL public-read-write/);
    expect(actionsOf(r, 'aws_s3_bucket_acl.a')).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(exposure(r).map((f) => [f.line, f.resource])).toEqual([[6, 'aws_s3_bucket_acl.a'], [6, 'aws_s3_bucket_acl.a']]);
    expect(exposure(r)[0]!.message).toMatch(/CannedACLPublicReadWrite/);
    // hygiene rules about the bucket policy itself do not apply to an ACL written as a policy
    expect(r.findings.some((f) => f.ruleId === 's3-insecure-transport')).toBe(false);
  });

  it('legacy aws_s3_bucket.acl public-read: read only (ListBucket, GetObject)', async () => {
    const r = await scan({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "legacy"\n  acl    = "public-read"\n}\n' });
    expect(r.verdict.status).toBe('fail');
    expect(actionsOf(r, 'aws_s3_bucket.b')).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(exposure(r).every((f) => f.line === 3)).toBe(true);
  });

  it('access_control_policy grant to AllUsers: public; a grant to a canonical user alone: nothing', async () => {
    const grant = (grantee: string, perm: string) => `    grant {\n      grantee {\n${grantee}\n      }\n      permission = "${perm}"\n    }\n`;
    const acl = (name: string, grants: string) =>
      `resource "aws_s3_bucket_acl" "${name}" {\n  bucket = "${name}"\n  access_control_policy {\n${grants}    owner {\n      id = "abc"\n    }\n  }\n}\n`;
    const r = await scan({
      'main.tf':
        acl('pub', grant('        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"', 'WRITE')) +
        acl('own', grant('        type = "CanonicalUser"\n        id   = "abc"', 'FULL_CONTROL')),
    });
    expect(actionsOf(r, 'aws_s3_bucket_acl.pub')).toEqual(['s3:DeleteObject', 's3:PutObject']);
    expect(record(r, 'aws_s3_bucket_acl.own')).toBeUndefined();
    expect(exposure(r).map((f) => f.resource)).toEqual(['aws_s3_bucket_acl.pub']);
  });

  it('an acl variable without default: analysed as public-read-write, and the finding says so', async () => {
    const r = await scan({ 'main.tf': 'variable "acl" {}\nresource "aws_s3_bucket_acl" "a" {\n  bucket = "x"\n  acl    = var.acl\n}\n' });
    expect(r.verdict.status).toBe('fail');
    expect(actionsOf(r, 'aws_s3_bucket_acl.a')).toContain('s3:PutObject');
    expect(record(r, 'aws_s3_bucket_acl.a')!.assumptions?.[0]?.text).toMatch(/worst case/);
    expect(exposure(r)[0]!.message).toMatch(/analysed as canned ACL public-read-write/);
  });

  it('legacy aws_s3_bucket grant to AuthenticatedUsers: any AWS account reads and writes', async () => {
    const r = await scan({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  grant {\n    type        = "Group"\n    uri         = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"\n    permissions = ["READ", "WRITE"]\n  }\n}\n',
    });
    expect(r.verdict.status).toBe('fail');
    expect(actionsOf(r, 'aws_s3_bucket.b')).toEqual(['s3:DeleteObject', 's3:ListBucket', 's3:PutObject']);
  });

  it('a conditional acl whose known branch is private: every branch counts (worst case, said so)', async () => {
    const r = await scan({
      'main.tf': 'variable "public" {\n  default = false\n}\nresource "aws_s3_bucket_acl" "a" {\n  bucket = "x"\n  acl    = var.public ? "public-read" : "private"\n}\n',
    });
    expect(r.verdict.status).toBe('fail');
    expect(exposure(r)[0]!.line).toBe(6);
  });

  it('benign controls: private, log-delivery-write and bucket-owner-full-control pass', async () => {
    const acl = (n: string, v: string) => `resource "aws_s3_bucket_acl" "${n}" {\n  bucket = "${n}"\n  acl    = "${v}"\n}\n`;
    const r = await scan({
      'main.tf': acl('p', 'private') + acl('l', 'log-delivery-write') + acl('o', 'bucket-owner-full-control') +
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "private"\n}\n',
    });
    expect(r.policies).toEqual([]);
    expect(r.verdict.status).toBe('pass');
  });
});

describe('canned ACLs: .tf.json and plan JSON', () => {
  it('.tf.json authenticated-read: any AWS account reads the bucket', async () => {
    const r = await scan({ 'x.tf.json': JSON.stringify({ resource: { aws_s3_bucket_acl: { j: { bucket: 'jb', acl: 'authenticated-read' } } } }, null, 2) });
    expect(r.verdict.status).toBe('fail');
    const doc = record(r, 'aws_s3_bucket_acl.j')!.document as { Statement: { Principal: unknown }[] };
    expect(doc.Statement.map((s) => s.Principal)).toEqual([{ AWS: '*' }, { AWS: '*' }]);
    expect(exposure(r).length).toBeGreaterThan(0);
    expect(exposure(r)[0]!.line).toBe(6); // the "acl" line
  });

  it('plan JSON: public-read on aws_s3_bucket_acl fails, private passes', async () => {
    const plan = (acl: string) =>
      JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.9.5',
        planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket_acl.a', mode: 'managed', type: 'aws_s3_bucket_acl', name: 'a', values: { bucket: 'pb', acl, access_control_policy: [] } }] } },
      }, null, 2);
    const pub = await scan({ 'plan.json': plan('public-read') });
    expect(pub.verdict.status).toBe('fail');
    expect(actionsOf(pub, 'aws_s3_bucket_acl.a')).toEqual(['s3:GetObject', 's3:ListBucket']);
    const priv = await scan({ 'plan.json': plan('private') });
    expect(priv.verdict.status).toBe('pass');
  });
});

describe('canned ACLs: CloudFormation AccessControl', () => {
  const bucket = (id: string, ac: string) => `  ${id}:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: ${ac}\n`;
  it('PublicReadWrite / PublicRead / AuthenticatedRead are public, on the AccessControl line', async () => {
    const r = await scan({ 't.yaml': `Resources:\n${bucket('Rw', 'PublicReadWrite')}${bucket('R', 'PublicRead')}${bucket('Auth', 'AuthenticatedRead')}` });
    expect(r.verdict.status).toBe('fail');
    expect(actionsOf(r, 'Rw')).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actionsOf(r, 'R')).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(new Set(exposure(r).map((f) => `${f.resource}:${f.line}`))).toEqual(new Set(['Rw:5', 'R:9', 'Auth:13']));
  });
  it('a parameter without default: worst case PublicReadWrite, said so', async () => {
    const r = await scan({ 't.yaml': `Parameters:\n  Acl:\n    Type: String\nResources:\n${bucket('B', '!Ref Acl')}` });
    expect(r.verdict.status).toBe('fail');
    expect(actionsOf(r, 'B')).toContain('s3:PutObject');
    expect(record(r, 'B')!.assumptions?.[0]?.text).toMatch(/!Ref Acl.*worst case/);
  });
  it('benign controls: Private, LogDeliveryWrite, BucketOwnerFullControl pass', async () => {
    const r = await scan({ 't.yaml': `Resources:\n${bucket('P', 'Private')}${bucket('L', 'LogDeliveryWrite')}${bucket('O', 'BucketOwnerFullControl')}` });
    expect(r.policies).toEqual([]);
    expect(r.verdict.status).toBe('pass');
  });
});
