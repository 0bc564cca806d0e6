/**
 * Units of analysis for sharding: the files that must be analysed in one run because the stages after extraction
 * look across them. A unit is never split between shards.
 *
 * - A Terraform module directory (its `.tf`, `.tf.json`, `.tofu`, tfvars files), together with the directories of
 *   the local modules it calls (`source = "./..."`, read with the extractor's own reader): a child module is
 *   analysed with its callers' arguments, and its own worst-case findings are settled by every call of it
 *   (findings/call-sites.ts), so a caller and its children, and every caller of a shared child, are one unit.
 * - Raw SCP / RCP files (by path convention or the config's `policy-types`): the organisation stage reads them
 *   together (one unit).
 * - A Terraform plan JSON, with the nearest directory above it holding Terraform configuration (where the plan
 *   extractor looks for the `.tf` it maps findings to, and a finding both give is reported once).
 * - Every other file (a CloudFormation template, a raw policy file) is a unit of its own, joined with
 *   every file of the scan it names by a relative path: a nested stack's `TemplateURL` / `Location`, a CDK asset
 *   path, an include, a Terraform `file()` target (a raw file a Terraform record reads is reported once, with its
 *   resource: extract/terraform/dedupe.ts).
 *
 * The path references are found by a textual over-approximation (any token ending in a file extension that names
 * a scanned file): a unit may be larger than needed, never smaller than what the text names. A path only a
 * deploy-time computation could produce (`!Sub "${Dir}/child.yaml"`) is not seen: the parent still reads its child
 * in its own shard (the extractor reads any repository file), and the child is analysed on its own as well, so a
 * missed join can only repeat a finding, never drop one. Pure: the texts are given.
 */
import path from 'node:path';
import { calledModuleDirs, isModuleFile } from '../extract/index.js';
import { configuredPolicyType, policyTypeFromPath } from '../extract/raw.js';
import { looksLikePlan } from '../extract/terraform/plan.js';
import type { Options } from '../config/options.js';

export interface UnitFile {
  /** Repository-relative, posix separators. */
  rel: string;
  /** Its content ('' when unreadable: the owning shard reports the read error). */
  text: string;
  /** Its size on disk (default: the text's UTF-8 length). */
  bytes?: number;
  /** A digest of its content (default: none; see Unit.content). */
  digest?: string;
}

export interface Unit {
  /** Stable name: the smallest member key (`tf:<dir>`, `org:`, `file:<path>`). */
  key: string;
  /** Repository-relative files, sorted. */
  files: string[];
  /** Total size in bytes (UTF-8), what the shards are balanced by. */
  bytes: number;
  /**
   * Its files' content digests, sorted and joined (when the files gave them): units with the same content go to the
   * same shard (shard/assign.ts), where the run's look-ups made for one are reused by the others.
   */
  content?: string;
}

/** Path references read from one file at most (a hostile file full of names is bounded; see the header). */
export const MAX_REFERENCES_PER_FILE = 20_000;

const TERRAFORM_FILE = /\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/i;
/**
 * Path-like runs of a text (maximal runs of PATH_CHAR, trailing full stops dropped) that end in an extension the
 * scan reads (a relative path, or a file name beside the file). Found from their end: RUN_END matches only where an
 * extension ends a run (the lookahead: nothing path-like follows but full stops), then the run's start is found by
 * walking back (at most MAX_PATH_LENGTH + 1 characters: longer runs are no path). Runs are disjoint, so both passes
 * are linear; a single pattern with a free prefix before the extension would backtrack quadratically over a long run
 * (hostile content). Most text has no such run at all: no string is made for every word.
 */
const RUN_END = /[A-Za-z0-9_-]\.(?:json|ya?ml|template|tf|tofu|tfvars)(?=\.*(?![A-Za-z0-9_@.\-/]))/gi;
const isPathChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 95 || c === 64; // a-z A-Z - . / 0-9 _ @
/** Longer runs are no path (repository paths are far shorter). */
const MAX_PATH_LENGTH = 1024;

const dirOf = (rel: string) => {
  const d = path.posix.dirname(rel);
  return d === '.' ? '' : d;
};

/**
 * The unit key a file belongs to before joins. `org` false: raw SCP/RCP files are units of their own (a run whose
 * organisation stage reads the kept records of the whole run, not one unit's: stream-units.ts).
 */
export function baseUnitKey(rel: string, options: Pick<Options, 'policyTypes'>, org = true): string {
  if (TERRAFORM_FILE.test(rel)) return `tf:${dirOf(rel)}`;
  if (org && /\.json$/i.test(rel)) {
    const t = configuredPolicyType(rel, options as Options) ?? policyTypeFromPath(rel);
    if (t === 'scp' || t === 'rcp') return 'org:';
  }
  return `file:${rel}`;
}

/** Union-find over unit keys; the representative is the smallest key (deterministic whatever the order). */
class Joins {
  private parent = new Map<string, string>();
  find(k: string): string {
    let r = k;
    for (let p = this.parent.get(r); p !== undefined && p !== r; p = this.parent.get(r)) r = p;
    // path compression
    for (let x = k, p = this.parent.get(x); p !== undefined && p !== r; x = p, p = this.parent.get(x)) this.parent.set(x, r);
    return r;
  }
  has(k: string): boolean {
    return this.parent.has(k);
  }
  add(k: string): void {
    if (!this.parent.has(k)) this.parent.set(k, k);
  }
  join(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

/** Repository-relative files of the scan a file's text names (resolved beside the file, or from the root). */
export function referencedFiles(rel: string, text: string, scanned: { has(path: string): boolean }): string[] {
  const out = new Set<string>();
  const dir = dirOf(rel);
  let n = 0;
  RUN_END.lastIndex = 0;
  for (let m = RUN_END.exec(text); m; m = RUN_END.exec(text)) {
    const end = m.index + m[0].length;
    let start = m.index;
    while (start > 0 && end - start <= MAX_PATH_LENGTH && isPathChar(text.charCodeAt(start - 1))) start--;
    if (end - start > MAX_PATH_LENGTH) continue;
    const run = text.slice(start, end);
    if (++n > MAX_REFERENCES_PER_FILE) break;
    const token = run.replace(/^(\.\/)+/, '');
    for (const candidate of [path.posix.join(dir, token), token.replace(/^\/+/, '')]) {
      const c = path.posix.normalize(candidate);
      if (c !== rel && scanned.has(c)) out.add(c);
    }
  }
  return [...out];
}

/** The unit key of the nearest directory at or above a file's that holds scanned Terraform configuration. */
function nearestTerraformDir(rel: string, joins: Joins): string | undefined {
  for (let dir = dirOf(rel); ; dir = dirOf(dir)) {
    if (joins.has(`tf:${dir}`)) return `tf:${dir}`;
    if (dir === '') return undefined;
  }
}

/** What joins a file to other units (see the header): the local modules it calls, the files it names, a plan. */
export interface UnitLinks {
  calls: string[];
  refs: string[];
  plan: boolean;
}

/** One file's links, from its text (`scanned`: the scan's files, which a name must match). */
export function unitLinks(rel: string, text: string, scanned: { has(path: string): boolean }): UnitLinks {
  return {
    calls: isModuleFile(rel) ? calledModuleDirs(rel, text) : [],
    refs: referencedFiles(rel, text, scanned),
    plan: /\.json$/i.test(rel) && !TERRAFORM_FILE.test(rel) && looksLikePlan(text),
  };
}

/**
 * The unit key of each file (its representative), from each file's links; a reference to a file not listed joins
 * nothing. `extra`: further pairs of files to join (a caller's own knowledge of what reads what). `org`: see
 * baseUnitKey.
 */
export function unitKeys(files: readonly { rel: string; links: UnitLinks }[], options: Pick<Options, 'policyTypes'>, extra: readonly [string, string][] = [], org = true): Map<string, string> {
  const joins = new Joins();
  const keyOf = new Map<string, string>();
  for (const f of files) {
    const k = baseUnitKey(f.rel, options, org);
    keyOf.set(f.rel, k);
    joins.add(k);
  }
  for (const f of files) {
    const k = keyOf.get(f.rel)!;
    for (const dir of f.links.calls) {
      const child = `tf:${dir}`;
      if (joins.has(child)) joins.join(k, child); // a called directory with no scanned file joins nothing
    }
    for (const other of f.links.refs) {
      const o = keyOf.get(other);
      if (o !== undefined) joins.join(k, o);
    }
    if (f.links.plan) {
      const config = nearestTerraformDir(f.rel, joins);
      if (config) joins.join(k, config);
    }
  }
  for (const [a, b] of extra) {
    const ka = keyOf.get(a);
    const kb = keyOf.get(b);
    if (ka !== undefined && kb !== undefined) joins.join(ka, kb);
  }
  return new Map([...keyOf].map(([rel, k]) => [rel, joins.find(k)]));
}

/** Group the scan's files into units (see the header). */
export function buildUnits(files: readonly UnitFile[], options: Pick<Options, 'policyTypes'>): Unit[] {
  return readUnits(files.map((f) => f.rel), (k) => files[k]!, options);
}

/**
 * buildUnits of files read one at a time (`read(k)`: the file `rels[k]`): only each file's links, size and digest
 * are kept, never the texts of the whole tree together (10,000 files: ~75 MB of text; 100,000: ~750 MB).
 */
export function readUnits(rels: readonly string[], read: (k: number) => UnitFile, options: Pick<Options, 'policyTypes'>): Unit[] {
  const scanned = new Set(rels);
  const files = rels.map((_, k) => {
    const f = read(k);
    return { rel: f.rel, links: unitLinks(f.rel, f.text, scanned), bytes: f.bytes ?? Buffer.byteLength(f.text, 'utf8'), digest: f.digest };
  });
  const rootOf = unitKeys(files, options);
  const units = new Map<string, Unit>();
  for (const f of files) {
    const root = rootOf.get(f.rel)!;
    const u = units.get(root) ?? { key: root, files: [], bytes: 0 };
    u.files.push(f.rel);
    u.bytes += f.bytes;
    units.set(root, u);
  }
  const digests = new Map(files.map((f) => [f.rel, f.digest]));
  for (const u of units.values()) {
    u.files.sort();
    const d = u.files.map((f) => digests.get(f));
    if (d.every((x) => x !== undefined)) u.content = d.sort().join(' ');
  }
  return [...units.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
