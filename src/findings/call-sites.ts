/**
 * Findings on a Terraform child module's record analysed with the arguments of a local module call
 * (`PolicyRecord.calledFrom`) name the call and carry the caller's lines as related locations (SARIF
 * `relatedLocations`, a second line in the text and markdown reports). Pure.
 */
import type { PolicyRecord } from '../policy/types.js';
import type { Finding } from './types.js';

export function withCallSites(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const one = callSitesOf(policies);
  return one ? findings.map(one) : findings;
}

/** withCallSites of one finding at a time (undefined: no record was analysed with a call's arguments). */
export function callSitesOf(policies: PolicyRecord[]): ((f: Finding) => Finding) | undefined {
  const byId = new Map(policies.filter((p) => p.calledFrom?.length).map((p) => [p.id, p]));
  if (!byId.size) return undefined;
  return (f) => {
    const rec = f.policyId ? byId.get(f.policyId) : undefined;
    if (!rec || f.related) return f;
    const call = rec.calledFrom!.filter((r) => r.message.startsWith('called as ')).pop();
    const via = call ? ` (${call.message.slice('called as '.length)}, called at ${call.file}:${call.line})` : '';
    return { ...f, message: `${f.message}${via}`, related: rec.calledFrom!.map((r) => ({ ...r })) };
  };
}

/**
 * Whether this stage reads a policy's assumptions: a Terraform module's own record (configuration, not a plan or a
 * template). A file-by-file run keeps them only for such records (stream-kept.ts).
 */
export function readsAssumptions(p: PolicyRecord): boolean {
  return p.format === 'terraform-hcl' && !!p.assumptions?.length;
}

/** `module.a["k"].aws_x.n[0]` -> `aws_x.n` (instance keys and module path dropped). */
const bare = (address: string): string => address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '').replace(/^(module\.[A-Za-z0-9_-]+\.)+/, '');

/**
 * A reusable module called from inside the repository: its own analysis assumes the worst for inputs nobody
 * decides there (`var.actions` without default analysed as "*"), while every call of it in the scan is analysed
 * with the caller's arguments (`calledFrom` records). A finding of the module's own analysis that exists only
 * through such assumptions (every assumption at its place is a variable's) is then not blocking: it stays in the
 * report as suppressed, with the calls named. A module nobody in the scan calls keeps its worst case; findings
 * that do not rest on a variable, and every per-call finding, are untouched. Pure.
 */
export function coveredByCalls(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const one = coveredByCallsOf(policies);
  return one ? findings.map(one) : findings;
}

/** coveredByCalls of one finding at a time (undefined: no module is called inside the repository). */
export function coveredByCallsOf(policies: PolicyRecord[]): ((f: Finding) => Finding) | undefined {
  const calls = new Map<string, string[]>();
  for (const p of policies) {
    if (!p.calledFrom?.length || p.format !== 'terraform-hcl') continue;
    const k = `${p.file}\u0000${bare(p.resource)}\u0000${p.propertyPath}`;
    const call = p.resource.slice(0, p.resource.length - bare(p.resource).length).replace(/\.$/, '') || p.resource;
    const list = calls.get(k) ?? [];
    if (!list.includes(call)) list.push(call);
    calls.set(k, list);
  }
  if (!calls.size) return undefined;
  const byId = new Map(policies.filter((p) => !p.calledFrom && readsAssumptions(p)).map((p) => [p.id, p]));
  return (f) => {
    const rec = f.policyId ? byId.get(f.policyId) : undefined;
    if (!rec || f.suppressed) return f;
    const covering = calls.get(`${rec.file}\u0000${bare(rec.resource)}\u0000${rec.propertyPath}`);
    if (!covering) return f;
    const at = f.path ?? '';
    const stmt = /^\/Statement(\/\d+)?/.exec(at)?.[0];
    const hits = rec.assumptions!.filter(
      (a) => at === '' || a.path === at || a.path.startsWith(`${at}/`) || at.startsWith(`${a.path}/`) || (stmt !== undefined && (a.path === stmt || a.path.startsWith(`${stmt}/`))),
    );
    if (!hits.length || !hits.every((a) => /^var\.[A-Za-z0-9_-]+\b/.test(a.text))) return f;
    const names = covering.slice(0, 3).join(', ') + (covering.length > 3 ? ` and ${covering.length - 3} more` : '');
    return {
      ...f,
      suppressed: true,
      suppressionReason: `worst case of the module's inputs (${[...new Set(hits.map((h) => /^var\.[A-Za-z0-9_-]+/.exec(h.text)![0]))].join(', ')}); every call of this module in the repository is analysed with its arguments: ${names}`,
      details: { ...f.details, suppressedBy: { kind: 'module-calls', calls: covering } },
    };
  };
}
