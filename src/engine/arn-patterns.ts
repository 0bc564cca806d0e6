/**
 * ARN patterns against the catalogue's ARN formats: does a pattern (`*`, `?`, wildcards in any field) match every
 * ARN of some resource type? Used for Resource elements ("all resources") and ARN-typed condition values ("restricts
 * nothing"). Matching goes through the catalogue's one safe wildcard matcher.
 */
import { globCovers, serviceResourceTypes } from '../catalog/index.js';

const coverMemo = new Map<string, boolean>();

/**
 * Does an ARN pattern match every ARN of some resource type (any name; the pattern's own partition, region and
 * account)? Judged on the catalogue's ARN formats of the pattern's service, or of every service when the service
 * field is a wildcard: `arn:aws:iam::*:*\/*`, `arn:aws:iam::123456789012:r*`, `...:user/?*`, `arn:*`, `arn:*:*:*:*:*`.
 * A run of wildcards containing a star counts as a star (names are not empty).
 */
export function coversAResourceType(value: string, types?: ReadonlySet<string>, anyAccount = false): boolean {
  if (value.length > 2048) return false;
  const memoKey = `${anyAccount ? 'A' : ''}\u0000${value}\u0000${types ? [...types].join(',') : ''}`;
  const hit = coverMemo.get(memoKey);
  if (hit !== undefined) return hit;
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
    for (const rt of serviceResourceTypes(service.toLowerCase())) {
      if (types && !types.has(`${service.toLowerCase()}/${rt.name}`)) continue;
      for (const fmt of rt.arnFormats) {
        const inner = fmt
          .replace(/\$\{Partition\}/g, partition)
          .replace(/\$\{Region\}/g, region)
          .replace(/\$\{Account\}/g, account)
          .replace(/\$\{[^}]*\}/g, '*');
        if (globCovers(norm, inner, true)) result = true;
      }
      if (result) break;
    }
  }
  if (coverMemo.size >= 10_000) coverMemo.clear();
  coverMemo.set(memoKey, result);
  return result;
}

