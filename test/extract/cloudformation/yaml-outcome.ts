/** What a YAML reader makes of a text, in a comparable form: shared by the readers' differential tests. */
import { parseTemplate, type CNode, type ParseLimits } from '../../../src/extract/cloudformation/yaml.js';

/** A CNode tree as plain data: kinds, offsets, key offsets, values with their types. */
export const norm = (n: CNode): unknown =>
  n.kind === 'map'
    ? ['map', n.start, n.end, [...n.entries].map(([k, v]) => [k, n.keys.get(k), norm(v)])]
    : n.kind === 'seq'
      ? ['seq', n.start, n.end, n.items.map(norm)]
      : ['scalar', n.start, n.end, typeof n.value, n.value];

/** The tree and warnings `parseTemplate` gives for `text`, or its error with the position. */
export function outcome(text: string, limits: ParseLimits): unknown {
  try {
    const r = parseTemplate(text, 't.yaml', { json: false, ...limits });
    return { root: norm(r.root), warnings: r.warnings };
  } catch (e) {
    const err = e as { name: string; message: string; line?: number; column?: number };
    return { error: err.name, message: err.message, line: err.line, column: err.column };
  }
}

/** The production budgets. */
export const LIMITS = { maxDepth: 256, maxAliases: 10_000, maxNodes: 2_000_000 };
