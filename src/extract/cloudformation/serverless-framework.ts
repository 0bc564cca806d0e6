/**
 * Serverless Framework service files (`serverless.yml`): `resources.Resources` is a CloudFormation Resources
 * section, and `provider.iam.role.statements` (v3) / `provider.iamRoleStatements` (v1/v2) become the inline policy
 * of the execution role the framework creates (`IamRoleLambdaExecution`). `${self:...}`-style variables are left
 * as written.
 */
import type { CMap, CNode } from './yaml.js';
import { getIn, str } from './yaml.js';
import type { BuildContext } from './builder.js';
import { DocSink, emitValue, emitEntity, inlineSuppressions } from './builder.js';
import { NO_VALUE } from './intrinsic-model.js';
import { managedAttachment } from './attach.js';

export function isServerlessFramework(root: CMap): boolean {
  return root.entries.has('service') && getIn(root, 'provider')?.kind === 'map' && !root.entries.has('AWSTemplateFormatVersion');
}

export function emptyMap(at: CNode): CMap {
  return { kind: 'map', entries: new Map(), keys: new Map(), src: at.src, start: at.start, end: at.start };
}

const ROLE_ID = 'IamRoleLambdaExecution';

export function serverlessFrameworkRole(ctx: BuildContext, root: CMap): void {
  const provider = getIn(root, 'provider') as CMap;
  if (str(getIn(provider, 'name')) !== undefined && str(getIn(provider, 'name')) !== 'aws') return;
  const iamRole = getIn(provider, 'iam', 'role');
  if (iamRole && iamRole.kind === 'scalar') return; // an existing role by name/ARN: the framework creates none
  const statements = getIn(iamRole, 'statements') ?? getIn(provider, 'iamRoleStatements');
  const managed = getIn(iamRole, 'managedPolicies') ?? getIn(provider, 'iamManagedPolicies');
  const boundary = getIn(iamRole, 'permissionsBoundary') ?? getIn(provider, 'rolePermissionsBoundary');
  const functions = getIn(root, 'functions');
  if (!statements && !managed && !(functions && functions.kind === 'map' && functions.entries.size)) return;
  const res = {
    logicalId: ROLE_ID,
    type: 'AWS::IAM::Role',
    node: provider,
    props: undefined,
    suppressions: inlineSuppressions(ctx.file, provider),
    notes: ['execution role the Serverless Framework creates for the service'],
  };
  const role = { kind: 'role' as const, id: ROLE_ID, via: 'inline' as const };
  emitEntity(ctx, res, 'role', undefined, '', { RoleLogicalId: ROLE_ID, implicit: true, createdBy: 'serverless-framework' });
  const anchor = getIn(provider, 'name') ?? provider;
  const trustSink = new DocSink();
  emitValue(ctx, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] }, trustSink, anchor, {
    res,
    propertyPath: `${ROLE_ID}/AssumeRolePolicyDocument`,
    policyType: 'trust',
    validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument',
    name: ROLE_ID,
  });
  if (statements) {
    const sink = new DocSink();
    const v = ctx.resolver.resolve(statements, '/Statement', sink);
    if (v !== NO_VALUE && v !== null && v !== undefined) {
      emitValue(ctx, { Version: '2012-10-17', Statement: v }, sink, statements, {
        res,
        propertyPath: getIn(iamRole, 'statements') ? 'provider/iam/role/statements' : 'provider/iamRoleStatements',
        policyType: 'identity',
        attachedTo: [role],
      });
    }
  }
  if (managed && managed.kind === 'seq') {
    managed.items.forEach((it, i) => managedAttachment(ctx, res, it, { ...role, via: 'managed' }, `provider/iam/role/managedPolicies/${i}`));
  }
  if (boundary) managedAttachment(ctx, res, boundary, { ...role, via: 'boundary' }, 'provider/iam/role/permissionsBoundary');
}
