/**
 * `data "aws_iam_policy"`: the policies it reads exist outside the repository. An AWS managed one is known (the
 * bundled snapshot); a customer managed one is not (its document is unknown, an attachment of it unresolved).
 */
import type { Span } from '../../policy/types.js';
import type { HclModule, Scope, V } from './hcl-eval.js';
import { fromJson } from './hcl-values.js';
import { awsManagedPolicy } from './managed-policies.js';
import { awsManagedPolicyPath } from '../cloudformation/managed-policies.js';

const str = (v: string, at: Span): V => ({ t: 'str', v, at });
const unknown = (expr: string, reason: string, _ref: undefined, at: Span): V => ({ t: 'unknown', expr, reason, at });

/**
 * `data "aws_iam_policy"` by name or ARN: an AWS managed policy resolves to its ARN and document from the bundled
 * snapshot (`name = "AdministratorAccess"` is full access, and counted as such); a customer managed one keeps
 * its ARN (an attachment of it is a policy outside the repository) and a document only known when Terraform runs.
 */
export function iamPolicyData(m: HclModule, address: string, at: Span): V | undefined {
  const ref = m.data.get(address);
  if (!ref) return undefined;
  const sc: Scope = { file: ref.file, vars: new Map() };
  const arg = (n: string): string | undefined => {
    const a = ref.block.body.items.find((x) => x.kind === 'attribute' && x.name === n);
    if (!a || a.kind !== 'attribute') return undefined;
    const v = m.guard(a.expr, sc);
    return v.t === 'str' && v.v !== '' ? v.v : undefined;
  };
  const c = m.input.ctx;
  const name = arg('name');
  const givenArn = arg('arn');
  const prefix = arg('path_prefix');
  const managedPath = givenArn ? /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(givenArn)?.[1] : name ? awsManagedPolicyPath(name) : undefined;
  const managedArn = managedPath && (!prefix || `/${managedPath}`.startsWith(prefix)) ? `arn:${c.partition}:iam::aws:policy/${managedPath}` : undefined;
  const managed = managedArn ? awsManagedPolicy(managedArn) : undefined;
  if (managed && managedArn) {
    const doc = fromJson(managed.document, at);
    return {
      t: 'obj',
      entries: new Map<string, V>([
        ['arn', str(managedArn, at)],
        ['id', str(managedArn, at)],
        ['name', str(managedArn.slice(managedArn.lastIndexOf('/') + 1), at)],
        ['policy', { t: 'str', v: JSON.stringify(managed.document), at, json: doc }],
      ]),
      at,
    };
  }
  const arn = givenArn ?? (name ? `arn:${c.partition}:iam::${c.account}:policy${prefix ?? '/'}${name}` : undefined);
  if (!arn) return undefined;
  const policy = unknown(`${address}.policy`, `the document of ${arn}, a policy outside the repository, is read when Terraform runs`, undefined, at);
  return { t: 'obj', entries: new Map<string, V>([['arn', str(arn, at)], ['id', str(arn, at)], ['name', str(arn.slice(arn.lastIndexOf('/') + 1), at)], ['policy', policy]]), at };
}
