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

const TERRAFORM_FORMATS = new Set(['terraform-plan', 'terraform-hcl', 'terraform-json']);

/**
 * Policy files a Terraform record reads with `file()` / `templatefile()` (its statements point into them): the
 * raw-file record of the same document would report every finding a second time, without the resource context.
 */
function filesReadByTerraform(policies: PolicyRecord[]): Set<string> {
  const out = new Set<string>();
  for (const p of policies) {
    if (!TERRAFORM_FORMATS.has(p.format)) continue;
    for (const ptr of p.sourceMap.pointers()) {
      if (!ptr.startsWith('/Statement')) continue;
      const f = p.sourceMap.get(ptr)?.file;
      if (f && f !== p.file) out.add(f);
    }
  }
  return out;
}

/**
 * Drop HCL records (and entities) that a plan record already covers, and raw-file records of policy files that
 * Terraform records read. Pure: returns new arrays.
 */
export function dedupeHclAgainstPlan(
  policies: PolicyRecord[],
  entities: IamEntity[],
): { policies: PolicyRecord[]; entities: IamEntity[] } {
  const read = filesReadByTerraform(policies);
  if (read.size > 0) policies = policies.filter((p) => p.format !== 'raw' || !read.has(p.file));
  if (!policies.some((p) => p.format === 'terraform-plan')) return { policies, entities };
  const keys = planKeys(policies, entities);
  return {
    policies: policies.filter((p) => p.format !== 'terraform-hcl' || !covered(keys, p.resource, p.file)),
    entities: entities.filter((e) => !hclEntities.has(e) || !covered(keys, e.resource, e.file)),
  };
}
