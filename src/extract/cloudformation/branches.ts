/**
 * Every branch counts: a resource whose policies depend on a choice the deployment makes (an `Fn::If` over a
 * condition that depends on parameters, a parameter with `AllowedValues`, `Fn::FindInMap` / `Fn::Select` keyed by
 * a changeable input) is analysed once per combination of choices. The resolver meets choice points lazily; each
 * run takes the next combination (depth first over the points met), up to MAX_BRANCHES runs per resource.
 *
 * Records identical in every run stay one record. Records that differ are kept apart, with `when` naming the
 * choices they share ("when IsProd", "when not IsProd and Env is prod") in their id, notes and findings.
 * A record that exists only in some branches also gets `when`: its Deny statements take nothing away for sure.
 */
import type { IamEntity, PolicyRecord, PrincipalRef } from '../../policy/types.js';
import type { Finding, AnalysisError } from '../../findings/types.js';
import type { Resolver } from './intrinsics.js';
import type { ChoiceRun } from './intrinsic-model.js';
import type { BuildContext } from './builder.js';
import { appendAll } from '../../util/arrays.js';

export const MAX_BRANCHES = 64;
/** Runs per template (all resources together): a hostile template cannot multiply its records without bound. */
export const MAX_TEMPLATE_RUNS = 2048;

interface Variant {
  met: ChoiceRun['met'];
  policies: PolicyRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  links: { policy: string; ref: PrincipalRef; when?: string }[];
}

const PRINCIPAL_ENTITIES = new Set(['role', 'user', 'group', 'permission-set']);

/** Runs `extract` (one resource) once per branch and merges what the runs produced into `ctx`. */
export function perBranch(ctx: BuildContext, logicalId: string, line: number, extract: () => void): void {
  const variants: Variant[] = [];
  let prefix: number[] = [];
  const budget = (ctx.branchRuns ??= { left: MAX_TEMPLATE_RUNS });
  for (;;) {
    if (variants.length >= MAX_BRANCHES || (variants.length > 0 && budget.left <= 0)) {
      const overall = variants.length < MAX_BRANCHES;
      if (overall && budget.reported) break;
      if (overall) budget.reported = true;
      ctx.errors.push({
        file: ctx.file,
        line,
        message: variants.length >= MAX_BRANCHES
          ? `resource ${logicalId} has more than ${MAX_BRANCHES} combinations of conditions, allowed values and mapping keys; the others were not analysed`
          : `the template has more than ${MAX_TEMPLATE_RUNS} combinations of conditions, allowed values and mapping keys in all; resource ${logicalId} and the ones after it were analysed with their first branch only`,
        kind: 'extract',
      });
      break;
    }
    budget.left--;
    const run: ChoiceRun = { prefix, met: [], byKey: new Map() };
    const at = { p: ctx.policies.length, e: ctx.entities.length, f: ctx.findings.length, r: ctx.errors.length, l: ctx.links.length };
    ctx.resolver.explore(run, extract);
    let j = run.met.length - 1;
    while (j >= 0 && run.met[j]!.value + 1 >= run.met[j]!.point.arity) j--;
    // one run and no other branch (most resources): what it added stays where it is, as merging it back would leave it
    if (j < 0 && variants.length === 0) return;
    variants.push({
      met: run.met,
      policies: ctx.policies.splice(at.p),
      entities: ctx.entities.splice(at.e),
      findings: ctx.findings.splice(at.f),
      errors: ctx.errors.splice(at.r),
      links: ctx.links.splice(at.l),
    });
    if (j < 0) break;
    prefix = [...run.met.slice(0, j).map((m) => m.value), run.met[j]!.value + 1];
  }
  merge(ctx, variants);
}

function merge(ctx: BuildContext, variants: Variant[]): void {
  if (variants.length === 1) {
    const v = variants[0]!;
    appendAll(ctx.policies, v.policies);
    appendAll(ctx.entities, v.entities);
    appendAll(ctx.findings, v.findings);
    appendAll(ctx.errors, v.errors);
    appendAll(ctx.links, v.links);
    return;
  }
  mergePolicies(ctx, variants);
  const seen = new Set<string>();
  for (const v of variants) {
    for (const e of v.entities) {
      const k = PRINCIPAL_ENTITIES.has(e.kind) ? e.id : `${e.id}\u0000${JSON.stringify(e.properties)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      ctx.entities.push(e);
    }
    for (const f of v.findings) {
      const k = `f\u0000${f.fingerprint}\u0000${f.line}`;
      if (!seen.has(k)) (seen.add(k), ctx.findings.push(f));
    }
    for (const e of v.errors) {
      const k = `e\u0000${e.file}\u0000${e.line ?? ''}\u0000${e.message}`;
      if (!seen.has(k)) (seen.add(k), ctx.errors.push(e));
    }
  }
  // an attachment made only in some branches: the attached policy's Denies take nothing away for sure
  const links = new Map<string, { link: Variant['links'][number]; runs: ChoiceRun['met'][] }>();
  for (const v of variants) {
    for (const l of v.links) {
      const k = `${l.policy}\u0000${JSON.stringify(l.ref)}`;
      const e = links.get(k) ?? { link: l, runs: [] };
      e.runs.push(v.met);
      links.set(k, e);
    }
  }
  for (const { link, runs } of links.values()) {
    ctx.links.push(runs.length === variants.length ? link : { ...link, when: `when ${labelOf(runs)}` });
  }
}

function mergePolicies(ctx: BuildContext, variants: Variant[]): void {
  const byId = new Map<string, { variant: number; record: PolicyRecord }[]>();
  variants.forEach((v, i) => {
    for (const r of v.policies) {
      const list = byId.get(r.id) ?? [];
      list.push({ variant: i, record: r });
      byId.set(r.id, list);
    }
  });
  for (const [id, list] of byId) {
    const distinct = new Map<string, { variants: number[]; record: PolicyRecord }>();
    for (const { variant, record } of list) {
      const k = JSON.stringify([record.document, record.policyType, record.attachedTo]);
      const d = distinct.get(k);
      if (d) d.variants.push(variant);
      else distinct.set(k, { variants: [variant], record });
    }
    const everywhere = list.length === variants.length;
    if (distinct.size === 1 && everywhere) {
      ctx.policies.push(list[0]!.record);
      continue;
    }
    for (const { variants: vs, record } of distinct.values()) {
      const label = labelOf(vs.map((i) => variants[i]!.met));
      if (distinct.size > 1) record.id = `${id}@when:${label}`;
      record.when = record.when ? `${record.when} and ${label}` : `when ${label}`;
      record.notes = [...(record.notes ?? []), `this version of the policy applies when ${label}`];
      ctx.policies.push(record);
    }
  }
}

/** The choices every run in `runs` shares ("IsProd and Env is prod"); else the runs' own choices, "or"-joined. */
function labelOf(runs: ChoiceRun['met'][]): string {
  const common = runs[0]!.filter((m) => runs.every((r) => r.some((x) => x.point.key === m.point.key && x.value === m.value)));
  if (common.length) return common.map((m) => m.point.label(m.value)).join(' and ');
  const each = runs.slice(0, 3).map((r) => r.map((m) => m.point.label(m.value)).join(' and ') || 'by default');
  return each.join(' or ') + (runs.length > 3 ? ` or ${runs.length - 3} more` : '');
}

/**
 * `fn` evaluated once per combination of the choices it meets (at most `max`): each value with the branch it holds
 * in (undefined when `fn` met no choice). `truncated` when there were more combinations.
 */
export function everyChoice<T>(resolver: Resolver, fn: () => T, max = MAX_BRANCHES): { values: { value: T; label?: string }[]; truncated: boolean } {
  const values: { value: T; label?: string }[] = [];
  let prefix: number[] = [];
  for (;;) {
    if (values.length >= max) return { values, truncated: true };
    const run: ChoiceRun = { prefix, met: [], byKey: new Map() };
    const value = resolver.explore(run, fn);
    const label = run.met.map((m) => m.point.label(m.value)).join(' and ');
    values.push(label ? { value, label } : { value });
    let j = run.met.length - 1;
    while (j >= 0 && run.met[j]!.value + 1 >= run.met[j]!.point.arity) j--;
    if (j < 0) return { values, truncated: false };
    prefix = [...run.met.slice(0, j).map((m) => m.value), run.met[j]!.value + 1];
  }
}
