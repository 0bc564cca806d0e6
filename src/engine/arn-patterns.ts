/**
 * ARN patterns against the catalogue's ARN formats: does a pattern (`*`, `?`, wildcards in any field) match every
 * ARN of some resource type? Used for Resource elements ("all resources") and ARN-typed condition values ("restricts
 * nothing"). Matching goes through the one safe wildcard matcher (engine/wildcard.ts).
 */
import { serviceResourceTypes, type CatalogResourceType } from '../catalog/index.js';
import { engineContext } from './context.js';
import { compileGlob, globCovers, globsIntersect } from './wildcard.js';

/**
 * Does an ARN pattern match every ARN of some resource type (any name; the pattern's own partition, region and
 * account)? Judged on the catalogue's ARN formats of the pattern's service, or of every service when the service
 * field is a wildcard: `arn:aws:iam::*:*\/*`, `arn:aws:iam::123456789012:r*`, `...:user/?*`, `arn:*`, `arn:*:*:*:*:*`.
 * A run of wildcards containing a star counts as a star (names are not empty).
 */
export function coversAResourceType(value: string, types?: ReadonlySet<string>, anyAccount = false): boolean {
  if (value.length > 2048) return false;
  const memoKey = `${anyAccount ? 'A' : ''}\u0000${value}\u0000${types ? typeSetKey(types) : ''}`;
  return engineContext().arnCovers.getOr(memoKey, () => coversUncached(value, types, anyAccount));
}

/** A type set's part of the memo key, made once per set (sets are memoised per Action list: grants.ts). */
function typeSetKey(types: ReadonlySet<string>): string {
  const keys = engineContext().typeSetKeys;
  let k = keys.get(types);
  if (k === undefined) keys.set(types, (k = [...types].join(',')));
  return k;
}

function coversUncached(value: string, types: ReadonlySet<string> | undefined, anyAccount: boolean): boolean {
  const norm = value.replace(/[*?]*\*[*?]*/g, '*');
  const f = norm.split(':');
  const partition = f[1] ?? '*';
  const service = f[2];
  let result = false;
  if (service === undefined || /[*?]/.test(service)) {
    result = globCovers(norm, `arn:${partition}:*:*:*:*`, true);
  } else {
    // anyAccount: the pattern must cover the type in every region and account (a condition value, not a Resource)
    const region = anyAccount ? '*' : (f[3] ?? '*');
    const account = anyAccount ? '*' : (f[4] ?? '*');
    // the pattern compiled once for every format it is compared with (globCovers compiles a text per call)
    const outer = compileGlob(norm, { caseSensitive: true });
    for (const rt of serviceResourceTypes(service.toLowerCase())) {
      if (types && !types.has(`${service.toLowerCase()}/${rt.name}`)) continue;
      for (const fmt of rt.arnFormats) {
        const inner = fmt
          .replace(/\$\{Partition\}/g, partition)
          .replace(/\$\{Region\}/g, region)
          .replace(/\$\{Account\}/g, account)
          .replace(/\$\{[^}]*\}/g, '*');
        if (globCovers(outer, inner, true)) result = true;
      }
      if (result) break;
    }
  }
  return result;
}

/**
 * Could a policy Resource value (with `*`, `?` and policy variables) name a resource of this type? Undefined when
 * the type has no ARN format or the input is too large to judge.
 */
export function arnMatchesResourceType(arn: string, rt: CatalogResourceType): boolean | undefined {
  if (arn === '*') return true;
  if (!rt.arnFormats.length || arn.length > 2048) return undefined;
  let unknown = false;
  for (const f of rt.arnFormats) {
    const r = engineContext().arnIntersects.getOr(`${arn}\n${f}`, () => globsIntersect(arn, f, true));
    if (r === true) return true;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

