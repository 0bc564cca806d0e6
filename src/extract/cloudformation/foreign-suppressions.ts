/**
 * Other tools' suppressions in a resource's Metadata, which templates written for them already carry:
 * `cfn_nag: { rules_to_suppress: [{ id, reason }] }`, `checkov: { skip: [{ id, comment }] }` and
 * `cfn-lint: { config: { ignore_checks: [W3005] } }`. Their rule ids are not ours, so by themselves they suppress
 * nothing: they are shown on the resource's findings ("cfn_nag suppression F3 found here — not applied"). The config
 * can map one to our rule ids (`suppression-mappings: { "cfn_nag:F3": service-wildcard }`); a mapped one suppresses
 * those rules on that resource, and the finding is reported as suppressed by it (never silently).
 */
import type { ForeignSuppression, InlineSuppression } from '../../policy/types.js';
import type { CMap, CNode } from './yaml.js';
import { getIn, spanOf, str } from './yaml.js';

type Tool = ForeignSuppression['tool'];

function entries(res: CMap): { tool: Tool; id: string; reason: string; node: CNode }[] {
  const out: { tool: Tool; id: string; reason: string; node: CNode }[] = [];
  const list = (n: CNode | undefined): CNode[] => (n?.kind === 'seq' ? n.items : n ? [n] : []);
  for (const it of list(getIn(res, 'Metadata', 'cfn_nag', 'rules_to_suppress'))) {
    const id = str(getIn(it, 'id')) ?? str(it);
    if (id) out.push({ tool: 'cfn_nag', id, reason: str(getIn(it, 'reason')) ?? '', node: it });
  }
  for (const it of list(getIn(res, 'Metadata', 'checkov', 'skip'))) {
    const id = str(getIn(it, 'id')) ?? str(it);
    if (id) out.push({ tool: 'checkov', id, reason: str(getIn(it, 'comment')) ?? '', node: it });
  }
  for (const it of list(getIn(res, 'Metadata', 'cfn-lint', 'config', 'ignore_checks'))) {
    const id = str(it);
    if (id) out.push({ tool: 'cfn-lint', id, reason: '', node: it });
  }
  return out;
}

/** The resource's foreign suppressions: those the config maps (as inline suppressions of our rules) and the rest. */
export function foreignSuppressions(file: string, res: CMap, mappings: Record<string, string[]>): { mapped: InlineSuppression[]; unmapped: ForeignSuppression[] } {
  const mapped: InlineSuppression[] = [];
  const unmapped: ForeignSuppression[] = [];
  if (!res.entries.has('Metadata')) return { mapped, unmapped };
  for (const e of entries(res)) {
    const s = spanOf(e.node);
    const at = { file: s.file || file, line: s.start.line };
    const rules = Object.prototype.hasOwnProperty.call(mappings, `${e.tool}:${e.id}`) ? mappings[`${e.tool}:${e.id}`]! : [];
    if (!rules.length) {
      unmapped.push({ tool: e.tool, id: e.id, ...at });
      continue;
    }
    const why = e.reason ? `: ${e.reason}` : '';
    for (const rule of rules) mapped.push({ rule, reason: `${e.tool} suppression ${e.id}${why} (mapped to ${rule} by suppression-mappings)`, ...at, foreign: `${e.tool}:${e.id}` });
  }
  return { mapped, unmapped };
}
