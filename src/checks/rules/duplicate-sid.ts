/** Shared logic of the two duplicate-Sid rules (required vs recommended uniqueness, by policy type). */
import type { PolicyContext } from './types.js';

export function reportDuplicateSids({ statements, report }: PolicyContext): void {
  const seen = new Map<string, number>();
  for (const s of statements) {
    if (s.sid === undefined || s.sid === '') continue;
    const first = seen.get(s.sid);
    if (first === undefined) seen.set(s.sid, s.index);
    else report({ path: `${s.path}/Sid`, message: `Sid "${s.sid}" is already used by statement ${first}; statement ids must be unique within a policy.`, subject: `${s.index}` });
  }
}
