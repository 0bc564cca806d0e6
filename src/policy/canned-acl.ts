/**
 * S3 canned ACLs (and ACL grants to the AllUsers / AuthenticatedUsers groups) as the resource policy they are
 * equivalent to, so the exposure rules judge a public ACL like a public bucket policy (issue 15). Format
 * independent: the Terraform and CloudFormation extractors call it with the ACL value they read.
 */
export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** Canned ACLs that grant nothing outside the owner's account (and AWS log delivery / EC2 bundling). */
const PRIVATE_ACLS = new Set(['private', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write', 'aws-exec-read']);
const READ = ['s3:ListBucket', 's3:GetObject'];
const WRITE = ['s3:PutObject', 's3:DeleteObject'];
const PUBLIC_ACLS: Record<string, { all: boolean; actions: string[] }> = {
  'public-read': { all: true, actions: READ },
  'public-read-write': { all: true, actions: [...READ, ...WRITE] },
  'authenticated-read': { all: false, actions: READ },
};
/** What an ACL grant permission allows on the bucket. */
const GRANT_ACTIONS: Record<string, string[]> = {
  READ: ['s3:ListBucket'],
  WRITE: WRITE,
  READ_ACP: ['s3:GetBucketAcl'],
  WRITE_ACP: ['s3:PutBucketAcl'],
  FULL_CONTROL: ['s3:ListBucket', ...WRITE, 's3:GetBucketAcl', 's3:PutBucketAcl'],
};

/** Every note of a record derived from an ACL starts so (rules about bucket-policy hygiene skip such records). */
export const ACL_NOTE_PREFIX = 'resource policy derived from';

/** The record's document stands for a bucket ACL, not a bucket policy the author wrote. */
export function derivedFromAcl(policy: { notes?: string[] }): boolean {
  return policy.notes?.some((n) => n.startsWith(ACL_NOTE_PREFIX)) === true;
}

export interface CannedAclPolicy {
  document: Record<string, unknown>;
  /** How the document came about (for the record's notes). */
  note: string;
  /** Set when the ACL value was not known and the worst case is analysed. */
  assumption?: string;
}

function statements(bucketArn: string, all: boolean, actions: string[], sid: string): Record<string, unknown>[] {
  const principal = all ? '*' : { AWS: '*' };
  const bucketActions = actions.filter((a) => !/Object$/.test(a));
  const objectActions = actions.filter((a) => /Object$/.test(a));
  const out: Record<string, unknown>[] = [];
  if (bucketActions.length) out.push({ Sid: `${sid}Bucket`, Effect: 'Allow', Principal: principal, Action: bucketActions, Resource: bucketArn });
  if (objectActions.length) out.push({ Sid: `${sid}Objects`, Effect: 'Allow', Principal: principal, Action: objectActions, Resource: `${bucketArn}/*` });
  return out;
}

const sidOf = (acl: string): string => 'CannedACL' + acl.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/**
 * The policy a canned ACL amounts to; undefined for private ACLs and no value. `known` false: the value is a
 * stand-in for something not known before deployment (analysed as public-read-write, said so).
 */
export function cannedAclPolicy(acl: unknown, bucketArn: string, known = true): CannedAclPolicy | undefined {
  if (acl === undefined || acl === null || acl === '') return undefined;
  const value = typeof acl === 'string' ? acl : JSON.stringify(acl);
  const normalised = known && typeof acl === 'string' ? acl.trim().toLowerCase() : '';
  if (PRIVATE_ACLS.has(normalised)) return undefined;
  const spec = PUBLIC_ACLS[normalised];
  if (spec) {
    return {
      document: { Version: '2012-10-17', Statement: statements(bucketArn, spec.all, spec.actions, sidOf(normalised)) },
      note: `${ACL_NOTE_PREFIX} the canned ACL ${normalised} (what the ACL grants ${spec.all ? 'everyone' : 'any AWS account'}, written as a policy)`,
    };
  }
  const worst = PUBLIC_ACLS['public-read-write']!;
  return {
    document: { Version: '2012-10-17', Statement: statements(bucketArn, true, worst.actions, sidOf('public-read-write')) },
    note: `${ACL_NOTE_PREFIX} the canned ACL public-read-write (worst case of an ACL value not known before deployment)`,
    assumption: `the canned ACL is ${/^tf-(placeholder|unknown-value|either-value)-/.test(value) ? 'an input, a conditional or a value' : value.length > 80 ? value.slice(0, 80) + '…' : value} not known before deployment: analysed as canned ACL public-read-write (its worst case)`,
  };
}

/** A grant list (`access_control_policy.grant`, plan or HCL shape): statements for grants to AllUsers / AuthenticatedUsers. */
export function aclGrantsPolicy(grants: unknown, bucketArn: string): CannedAclPolicy | undefined {
  const list = (v: unknown): Record<string, unknown>[] =>
    (Array.isArray(v) ? v : v !== null && typeof v === 'object' ? [v] : []).filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object');
  const stmts: Record<string, unknown>[] = [];
  const names: string[] = [];
  for (const g of list(grants)) {
    const perm = typeof g.permission === 'string' ? g.permission.toUpperCase() : 'FULL_CONTROL';
    for (const grantee of list(g.grantee)) {
      const uri = typeof grantee.uri === 'string' ? grantee.uri.replace(/^https:/, 'http:') : '';
      const all = uri === ALL_USERS_URI;
      if (!all && uri !== AUTHENTICATED_USERS_URI) continue;
      const actions = GRANT_ACTIONS[perm] ?? GRANT_ACTIONS.FULL_CONTROL!;
      const who = all ? 'AllUsers' : 'AuthenticatedUsers';
      names.push(`${perm} to ${who}`);
      for (const s of statements(bucketArn, all, actions, `AclGrant${who}${stmts.length}`)) stmts.push(s);
    }
  }
  if (!stmts.length) return undefined;
  return {
    document: { Version: '2012-10-17', Statement: stmts },
    note: `${ACL_NOTE_PREFIX} the bucket ACL grants (${names.join(', ')}), written as a policy`,
  };
}
