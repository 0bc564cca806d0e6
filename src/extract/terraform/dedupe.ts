/**
 * A repository with both `.tf` files and a plan JSON for the same code: the plan's values win (they are what
 * Terraform will apply) and the same policy is not reported twice. HCL records (format `terraform-hcl`) whose
 * Terraform address also appears in a plan record are dropped; so are HCL entities of those resources.
 *
 * Addresses are compared without module path and instance keys (`module.app.aws_iam_role.r["x"]` and
 * `aws_iam_role.r` are the same configuration block), and, where the plan record was mapped back to a `.tf` file,
 * only records of that same file match (two modules may both have an `aws_iam_role.this`).
 */
import type { IamEntity, PolicyRecord } from '../../policy/types.js';

const hclEntities = new WeakSet<IamEntity>();

/** Mark an entity as produced by the `.tf` extractor (entities carry no format field). */
export function markHclEntity(e: IamEntity): void {
  hclEntities.add(e);
}

/** `module.a["k"].module.b.data.aws_x.n[0]` -> `data.aws_x.n`. */
export function configBlockAddress(address: string): string {
  let rest = address.replace(/^(module\.[A-Za-z0-9_-]+(\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?\.)+/, '');
  rest = rest.replace(/\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]$/, '');
  return rest;
}

interface PlanKey {
  address: string;
  file: string;
}

function planKeys(policies: PolicyRecord[], entities: IamEntity[]): PlanKey[] {
  const keys: PlanKey[] = [];
  for (const p of policies) if (p.format === 'terraform-plan') keys.push({ address: configBlockAddress(p.resource), file: p.file });
  for (const e of entities) if (!hclEntities.has(e) && /\.tf$/i.test(e.file)) keys.push({ address: configBlockAddress(e.resource), file: e.file });
  return keys;
}

function covered(keys: PlanKey[], address: string, file: string): boolean {
  const a = configBlockAddress(address);
  return keys.some((k) => k.address === a && (k.file === file || !/\.tf$/i.test(k.file)));
}

/** Drop HCL records (and entities) that a plan record already covers. Pure: returns new arrays. */
export function dedupeHclAgainstPlan(
  policies: PolicyRecord[],
  entities: IamEntity[],
): { policies: PolicyRecord[]; entities: IamEntity[] } {
  if (!policies.some((p) => p.format === 'terraform-plan')) return { policies, entities };
  const keys = planKeys(policies, entities);
  return {
    policies: policies.filter((p) => p.format !== 'terraform-hcl' || !covered(keys, p.resource, p.file)),
    entities: entities.filter((e) => !hclEntities.has(e) || !covered(keys, e.resource, e.file)),
  };
}
