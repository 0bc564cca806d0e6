/** Terraform addresses: `module.a["k"].module.b.data.aws_x.name[0]` split into its parts. */

export interface ParsedAddress {
  /** Module names from the root, instance keys dropped: `['a', 'b']`. */
  modules: string[];
  /** Module prefix with instance keys, e.g. `module.a["k"].module.b.` (empty at the root). */
  modulePrefix: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Instance key as written, e.g. `["k"]` or `[0]`, or ''. */
  index: string;
}

const MODULE = /^module\.([A-Za-z0-9_-]+)((?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?)\./;
const RESOURCE = /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)((?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?)$/;

export function parseAddress(address: string): ParsedAddress | undefined {
  let rest = address;
  const modules: string[] = [];
  let modulePrefix = '';
  for (;;) {
    const m = MODULE.exec(rest);
    if (!m) break;
    modules.push(m[1]!);
    modulePrefix += m[0];
    rest = rest.slice(m[0].length);
  }
  const r = RESOURCE.exec(rest);
  if (!r) return undefined;
  return { modules, modulePrefix, mode: r[1] ? 'data' : 'managed', type: r[2]!, name: r[3]!, index: r[4] ?? '' };
}

/** The configuration address (no instance keys): `module.a.module.b.aws_x.name`. */
export function configAddress(a: ParsedAddress): string {
  return `${a.modules.map((m) => `module.${m}.`).join('')}${a.mode === 'data' ? 'data.' : ''}${a.type}.${a.name}`;
}

/**
 * A reference as written in configuration (`aws_s3_bucket.logs.arn`, `data.aws_iam_policy_document.p.json`,
 * `module.x.out`, `var.v`, `local.l`), resolved against the module it was written in.
 */
export interface Reference {
  kind: 'resource' | 'data' | 'var' | 'local' | 'module' | 'other';
  /** For resources and data sources: type and name; for var/local/module: the name. */
  type?: string;
  name: string;
  /** The attribute after the resource (`arn`, `json`, `id`), if any. */
  attribute?: string;
  /** Full reference text. */
  text: string;
}

export function parseReference(ref: string): Reference {
  const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
  const [head, a, b, c] = parts;
  if (head === 'var' || head === 'local' || head === 'module' || head === 'each' || head === 'count' || head === 'path' || head === 'terraform' || head === 'self') {
    const kind = head === 'var' ? 'var' : head === 'local' ? 'local' : head === 'module' ? 'module' : 'other';
    return { kind, name: a ?? '', attribute: b, text: ref };
  }
  if (head === 'data') return { kind: 'data', type: a, name: b ?? '', attribute: c, text: ref };
  return { kind: 'resource', type: head, name: a ?? '', attribute: b, text: ref };
}

/**
 * The most specific references of a list Terraform gives for one expression (`["aws_s3_bucket.b.arn",
 * "aws_s3_bucket.b"]` -> `["aws_s3_bucket.b.arn"]`).
 */
export function specificReferences(refs: string[]): string[] {
  return refs.filter((r) => !refs.some((o) => o !== r && (o.startsWith(r + '.') || o.startsWith(r + '['))));
}
