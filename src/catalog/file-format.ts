/**
 * The catalogue file (`dist/catalog.json`, format 4): one JSON document laid out so that a run parses only the
 * services it looks up. Node built-ins and type imports only: `.ci/build.mjs` imports this file directly.
 *
 *   {"format":4,"version":"…","date":"…","layout":"SSSSSSSSSS:LLLLLLLLLL","index":{…},"services":{"a4b":{…},…}}
 *
 * `layout` is the byte offset and length of the `index` value (fixed width, so the writer knows them before it
 * writes them). The index holds what look-ups across every service need (global keys, RCP services, each service's
 * name, actions (each as `service:Name`, the text a run's look-ups use: a run makes no text per action) and each
 * action's access levels and wildcard-only flag, every service condition key, the keys
 * actions list) and, per service, the byte range of its details within the `services` value: those are parsed on
 * first use, each action's details (a JSON text of their own) when that action is first asked about. `JSON.parse`
 * of the whole file still reads it (and an older reader fails on `format` with a clear message).
 */
import type { ActionDetails, CatalogIndex, CompactCatalog, CompactService, ServiceSlice } from './types.js';

export const FILE_FORMAT = 4;

/**
 * Per action, in the index: its access levels and whether it is wildcard-only, one character per action (the
 * character code minus FACT_BASE: a bit per level letter, WILDCARD_ONLY_BIT when it lists no resource type). Rules
 * ask these of every catalogue action when a policy grants `Action: "*"`; from the index they need no service's
 * details. An action whose lower-case name repeats in its service carries the last spelling's facts (as the
 * look-ups by lower-case name answer) and, unless it is that last spelling, REPEATED_BIT (look-ups of its spelling
 * answer with the last one's).
 */
export const FACT_BASE = 48;
export const LEVEL_BITS: Readonly<Record<'L' | 'R' | 'W' | 'P' | 'T', number>> = { L: 1, R: 2, W: 4, P: 8, T: 16 };
export const WILDCARD_ONLY_BIT = 32;
export const REPEATED_BIT = 64;

function factCode(levels: string, resourceTypes: readonly unknown[]): number {
  let bits = 0;
  for (const l of levels) if (l === 'L' || l === 'R' || l === 'W' || l === 'P' || l === 'T') bits |= LEVEL_BITS[l];
  return bits | (resourceTypes.length === 0 ? WILDCARD_ONLY_BIT : 0);
}

/** A service's fact characters (see FACT_BASE). */
function factCodes(s: CompactService): string {
  const last = new Map<string, number>();
  s.a.forEach(([name], n) => last.set(name.toLowerCase(), n));
  return s.a
    .map(([name], n) => {
      const winner = last.get(name.toLowerCase())!;
      const [, levels, art] = s.a[winner]!;
      return String.fromCharCode(FACT_BASE + (factCode(levels, art) | (winner !== n ? REPEATED_BIT : 0)));
    })
    .join('');
}

const WIDTH = 10;
const pad = (n: number): string => String(n).padStart(WIDTH, '0');
const SERVICES_MEMBER = ',"services":';

/** Service condition keys, deduplicated case-insensitively in load order (sorted services, then each one's keys). */
function serviceKeys(c: CompactCatalog, prefixes: string[], which: (s: CompactService) => Iterable<number>): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const p of prefixes) {
    const s = c.services[p]!;
    for (const i of which(s)) {
      const [key, type] = s.k[i]!;
      if (seen.has(key.toLowerCase())) continue;
      seen.add(key.toLowerCase());
      out.push([key, type]);
    }
  }
  return out;
}

/** Condition key indices some action of the service lists (its own, or through one of its resource types). */
function listedKeys(s: CompactService): number[] {
  const used = new Set<number>();
  for (const a of s.a) for (const i of a[3]) used.add(i);
  for (const r of s.r) for (const i of r[2]) used.add(i);
  return [...used];
}

/** The file's text for a catalogue (deterministic: same data, same bytes). */
export function serialiseCatalog(c: CompactCatalog): string {
  const prefixes = Object.keys(c.services).sort();
  const body: string[] = [];
  let offset = 1; // after the body's opening brace
  const ranges = new Map<string, [number, number]>();
  for (const p of prefixes) {
    const s = c.services[p]!;
    const slice: ServiceSlice = { k: s.k, r: s.r, a: s.a.map(([, levels, art, keys]) => JSON.stringify([levels, art, keys])) };
    const member = `${body.length ? ',' : ''}${JSON.stringify(p)}:`;
    const text = JSON.stringify(slice);
    offset += Buffer.byteLength(member);
    ranges.set(p, [offset, Buffer.byteLength(text)]);
    offset += Buffer.byteLength(text);
    body.push(member + text);
  }
  const index: CatalogIndex = {
    global: c.global,
    rcp: c.rcp,
    keys: serviceKeys(c, prefixes, (s) => s.k.keys()),
    listed: serviceKeys(c, prefixes, listedKeys),
    services: prefixes.map((p) => {
      const s = c.services[p]!;
      const [off, len] = ranges.get(p)!;
      return [p, s.n, s.a.map((a) => `${p}:${a[0]}`), off, len, factCodes(s)];
    }),
  };
  const indexText = JSON.stringify(index);
  const head = (start: number) => `{"format":${FILE_FORMAT},"version":${JSON.stringify(c.version)},"date":${JSON.stringify(c.date)},"layout":"${pad(start)}:${pad(Buffer.byteLength(indexText))}","index":`;
  const start = Buffer.byteLength(head(0));
  return `${head(start)}${indexText}${SERVICES_MEMBER}{${body.join('')}}}\n`;
}

/** A service's details as the index and its slice give them (the compact form, action names joined back). */
export function joinService(prefix: string, name: string, actionKeys: readonly string[], s: ServiceSlice): CompactService {
  return {
    n: name,
    k: s.k,
    r: s.r,
    a: s.a.map((text, i) => {
      const [levels, art, keys] = actionDetails(text, 'file');
      return [actionKeys[i]!.slice(prefix.length + 1), levels, art, keys];
    }),
  };
}

/** An action's details from its text in a service's slice (`where`: the file, for the error). */
export function actionDetails(text: string, where: string): ActionDetails {
  let d: unknown;
  try {
    d = JSON.parse(text);
  } catch (e) {
    throw fail(where, `action details: ${(e as Error).message}`);
  }
  if (!Array.isArray(d) || d.length !== 3 || typeof d[0] !== 'string' || !Array.isArray(d[1]) || !Array.isArray(d[2])) throw fail(where, 'action details malformed');
  return d as ActionDetails;
}

/** A catalogue file read into memory: the index parsed, each service's details parsed on first request. */
export interface CatalogFile {
  format: number;
  version: string;
  date: string;
  index: CatalogIndex;
  /** The service's details (parsed now; the caller keeps them), undefined for an unknown prefix. */
  slice(prefix: string): ServiceSlice | undefined;
}

function fail(where: string, what: string): Error {
  return new Error(`IAM catalogue ${where} has an unexpected format (expected format ${FILE_FORMAT}: ${what}); rebuild it with npm run build`);
}

/** Reads the layout and the index; throws a clear error for another format or a damaged file. */
export function openCatalogFile(buf: Buffer, where: string): CatalogFile {
  const head = buf.toString('utf8', 0, Math.min(buf.length, 1024));
  const format = /^\{"format":(\d+),/.exec(head);
  if (!format || Number(format[1]) !== FILE_FORMAT) throw fail(where, `found ${format ? `format ${format[1]}` : 'no format'}`);
  const m = /^\{"format":\d+,"version":("(?:[^"\\]|\\.)*"),"date":("(?:[^"\\]|\\.)*"),"layout":"(\d{10}):(\d{10})","index":/.exec(head);
  if (!m) throw fail(where, 'no layout');
  const start = Number(m[3]);
  const length = Number(m[4]);
  const bodyStart = start + length + SERVICES_MEMBER.length;
  if (start !== Buffer.byteLength(m[0]) || bodyStart > buf.length || buf.toString('utf8', start + length, bodyStart) !== SERVICES_MEMBER) throw fail(where, 'layout does not match');
  let index: CatalogIndex;
  try {
    index = JSON.parse(buf.toString('utf8', start, start + length)) as CatalogIndex;
  } catch (e) {
    throw fail(where, (e as Error).message);
  }
  if (!index || !Array.isArray(index.services) || !Array.isArray(index.global) || !Array.isArray(index.keys)) throw fail(where, 'index malformed');
  // indexed loops: this runs once, unoptimised, over ~22,000 actions (an iterator per element costs more than the test)
  const services = index.services;
  for (let i = 0; i < services.length; i++) {
    const s = services[i];
    if (!Array.isArray(s) || typeof s[0] !== 'string' || !Array.isArray(s[2]) || typeof s[5] !== 'string' || s[5].length !== s[2].length) throw fail(where, 'index malformed');
    // a service's actions are its own (`prefix:Name`; the look-ups find an action's service by its text)
    const own = `${s[0]}:`;
    const actions = s[2];
    for (let n = 0; n < actions.length; n++) {
      const a = actions[n];
      if (typeof a !== 'string' || !a.startsWith(own)) throw fail(where, 'index malformed');
    }
  }
  const ranges = new Map(index.services.map((s) => [s[0], [s[3], s[4]] as const]));
  return {
    format: FILE_FORMAT,
    version: JSON.parse(m[1]!) as string,
    date: JSON.parse(m[2]!) as string,
    index,
    slice(prefix) {
      const r = ranges.get(prefix);
      if (!r) return undefined;
      const [off, len] = r;
      if (bodyStart + off + len > buf.length) throw fail(where, `service ${prefix} out of range`);
      try {
        return JSON.parse(buf.toString('utf8', bodyStart + off, bodyStart + off + len)) as ServiceSlice;
      } catch (e) {
        throw fail(where, `service ${prefix}: ${(e as Error).message}`);
      }
    },
  };
}
