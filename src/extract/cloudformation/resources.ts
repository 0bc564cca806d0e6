/**
 * The resource table: one row per CloudFormation resource type that carries an IAM policy (or is an IAM entity).
 * Document holders (bucket policies, key policies, ...) derive from src/catalog/resource-types.ts; IAM entities,
 * attachments and synthesised documents are the rows below. A row lists where the policy documents sit in the resource's Properties (`*` walks a list), the policy type and
 * Access Analyzer's `validatePolicyResourceType`; rows whose document is synthesised from properties (Lambda
 * permissions, EventBridge bus policies, ...) use `synth` in `synth.ts`.
 */
import type { IamEntity, PolicyType, PrincipalRef } from '../../policy/types.js';
import { RESOURCE_TYPES } from '../../catalog/resource-types.js';

export interface Slot {
  /** Path in Properties; `*` iterates a list. */
  path: string[];
  type: PolicyType;
  validateResourceType?: string;
  /** Key next to the document that names it (e.g. `PolicyName` in `Policies[*]`). */
  nameKey?: string;
}

export interface Row {
  slots?: Slot[];
  /** Name of a synthesiser in synth.ts. */
  synth?: 'lambda-permission' | 'layer-permission' | 'event-bus-policy' | 'organizations-policy' | 'permission-set';
  /** The IAM entity this resource is. */
  entity?: IamEntity['kind'];
  /** For identity principals: their inline `Policies` attach to themselves. */
  principal?: PrincipalRef['kind'];
  /** Property naming the policy (ManagedPolicyName, PolicyName). */
  nameProp?: string;
  /** Principals the documents attach to: property -> kind (Roles, Users, Groups, RoleName, ...). */
  attach?: { prop: string; kind: PrincipalRef['kind']; list: boolean }[];
  /** Attachment kind for `attach`. */
  via?: PrincipalRef['via'];
}

const inlinePolicies: Slot = { path: ['Policies', '*', 'PolicyDocument'], type: 'identity', nameKey: 'PolicyName' };
const doc = (prop: string, type: PolicyType = 'resource', validateResourceType?: string): Slot => ({ path: [prop], type, validateResourceType });
const attachAll = [
  { prop: 'Roles', kind: 'role' as const, list: true },
  { prop: 'Users', kind: 'user' as const, list: true },
  { prop: 'Groups', kind: 'group' as const, list: true },
];

/** Rows that do more than hold a document: IAM entities, attachments, synthesised documents. */
const OWN_ROWS: Record<string, Row> = {
  // identity
  'AWS::IAM::Role': {
    entity: 'role', principal: 'role',
    slots: [doc('AssumeRolePolicyDocument', 'trust', 'AWS::IAM::AssumeRolePolicyDocument'), inlinePolicies],
  },
  'AWS::IAM::User': { entity: 'user', principal: 'user', slots: [inlinePolicies] },
  'AWS::IAM::Group': { entity: 'group', principal: 'group', slots: [inlinePolicies] },
  'AWS::IAM::Policy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: attachAll, via: 'inline' },
  'AWS::IAM::ManagedPolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'ManagedPolicyName', attach: attachAll, via: 'managed' },
  'AWS::IAM::RolePolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: [{ prop: 'RoleName', kind: 'role', list: false }], via: 'inline' },
  'AWS::IAM::UserPolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: [{ prop: 'UserName', kind: 'user', list: false }], via: 'inline' },
  'AWS::IAM::GroupPolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: [{ prop: 'GroupName', kind: 'group', list: false }], via: 'inline' },
  'AWS::IAM::AccessKey': { entity: 'access-key' },
  'AWS::IAM::UserToGroupAddition': { entity: 'group-membership' },
  'AWS::SSO::PermissionSet': { entity: 'permission-set', synth: 'permission-set' },
  // organisation
  'AWS::Organizations::Policy': { synth: 'organizations-policy', nameProp: 'Name' },
  // documents synthesised from properties
  'AWS::Events::EventBusPolicy': { synth: 'event-bus-policy' },
  'AWS::Lambda::Permission': { synth: 'lambda-permission' },
  'AWS::Lambda::LayerVersionPermission': { synth: 'layer-permission' },
};

/** Document rows, from the one resource-type table (src/catalog/resource-types.ts). */
function holderRows(): Record<string, Row> {
  const out: Record<string, Row> = {};
  for (const h of RESOURCE_TYPES) {
    for (const c of h.cfn) {
      if (c.own) continue;
      const row = (out[c.type] ??= { slots: [] });
      if (c.nameProp) row.nameProp = c.nameProp;
      for (const path of c.paths) {
        row.slots!.push({ path, type: h.policyType, ...(h.validateResourceType ? { validateResourceType: h.validateResourceType } : {}) });
      }
    }
  }
  return out;
}

export const RESOURCE_TABLE: Record<string, Row> = { ...OWN_ROWS, ...holderRows() };

/** The table's rows by type (a Map: every resource of every branch run looks its type up). */
const ROWS = new Map(Object.entries(RESOURCE_TABLE));

export function rowFor(type: string): Row | undefined {
  return ROWS.get(type);
}
