/**
 * `.tf` files and a plan JSON of the same code.
 *
 * A plan committed in the pull request is content like any other: it may be stale or hand-written, so it never
 * shadows the configuration it claims to come from. Both are analysed; where the plan's record and the `.tf`
 * record of the same block give the same finding (rule, place, message), it is reported once (the plan's), and
 * where they differ both are reported, so the more permissive one decides.
 *
 * A plan the workflow generated and handed to the gate (`--terraform-plan`, the Action's `terraform-plan` input:
 * a path outside the repository content) replaces the configuration analysis of the blocks it covers: HCL
 * records (format `terraform-hcl`) whose Terraform address also appears in such a plan's records are dropped; so
 * are HCL entities of those resources. Its `configuration` must list every IAM-bearing block of the checkout
 * (else the plan is stale: the verdict is incomplete, see `planCoversCheckout`).
 *
 * Addresses are compared without module path and instance keys (`module.app.aws_iam_role.r["x"]` and
 * `aws_iam_role.r` are the same configuration block), and, where the plan record was mapped back to a `.tf` file,
 * only records of that same file match (two modules may both have an `aws_iam_role.this`).
 */
import type { IamEntity, PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import { isHclConfigFile } from './tf-files.js';

const hclEntities = new WeakSet<IamEntity>();
const workflowPlan = new WeakSet<PolicyRecord | IamEntity>();

/** Mark a record or entity as read from a plan the workflow supplied (not from the pull request's files). */
export function markWorkflowPlan(x: PolicyRecord | IamEntity): void {
  workflowPlan.add(x);
}

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
  for (const p of policies) if (p.format === 'terraform-plan' && workflowPlan.has(p)) keys.push({ address: configBlockAddress(p.resource), file: p.file });
  for (const e of entities) if (workflowPlan.has(e) && isHclConfigFile(e.file)) keys.push({ address: configBlockAddress(e.resource), file: e.file });
  return keys;
}

function covered(keys: PlanKey[], address: string, file: string): boolean {
  const a = configBlockAddress(address);
  return keys.some((k) => k.address === a && (k.file === file || !isHclConfigFile(k.file)));
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
  if (!policies.some((p) => workflowPlan.has(p))) return { policies, entities };
  const keys = planKeys(policies, entities);
  return {
    policies: policies.filter((p) => p.format !== 'terraform-hcl' || !covered(keys, p.resource, p.file)),
    entities: entities.filter((e) => !hclEntities.has(e) || !covered(keys, e.resource, e.file)),
  };
}

/**
 * A plan in the pull request and the `.tf` it comes from both analysed: a finding both give (same rule, place,
 * statement and message) is reported once, the plan's. Findings only one of them gives are kept. Pure.
 */
export function sameFindingOnce(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const format = new Map(policies.map((p) => [p.id, p.format]));
  const key = (f: Finding) => [f.ruleId, f.file, f.line, f.path ?? '', f.message].join('\u0000');
  const fromPlan = new Set(findings.filter((f) => f.policyId && format.get(f.policyId) === 'terraform-plan').map(key));
  if (!fromPlan.size) return findings;
  return findings.filter((f) => !(f.policyId && format.get(f.policyId) === 'terraform-hcl' && fromPlan.has(key(f))));
}

/**
 * A workflow-supplied plan must describe the checkout: every IAM-bearing `.tf` block (a record of the scan) has a
 * resource of the same block address in the plan's configuration. Returns what is missing (empty: it matches).
 */
export function planCoversCheckout(plan: unknown, hcl: PolicyRecord[]): string[] {
  const declared = new Set<string>();
  const visit = (mod: unknown, depth: number): void => {
    if (depth > 32 || mod === null || typeof mod !== 'object') return;
    const m = mod as { resources?: unknown; module_calls?: unknown };
    if (Array.isArray(m.resources)) {
      for (const r of m.resources) {
        const a = (r as { address?: unknown }).address;
        if (typeof a === 'string') declared.add(configBlockAddress(a));
      }
    }
    if (m.module_calls && typeof m.module_calls === 'object') for (const c of Object.values(m.module_calls)) visit((c as { module?: unknown }).module, depth + 1);
  };
  const cfg = plan !== null && typeof plan === 'object' ? (plan as { configuration?: { root_module?: unknown } }).configuration : undefined;
  visit(cfg?.root_module, 0);
  const missing = new Set<string>();
  for (const p of hcl) {
    if (p.format !== 'terraform-hcl' || p.resourceType === 'module') continue;
    const a = configBlockAddress(p.resource);
    if (!declared.has(a)) missing.add(`${a} (${p.file})`);
  }
  return [...missing];
}
