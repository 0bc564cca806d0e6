/**
 * The noise controls' one rule for which findings a channel shows (inline comments, annotations): `blocking` only
 * the findings that block, `new` those this change introduces (or all when no base is known) plus the blocking ones,
 * `all` every finding that is not suppressed, `none` nothing. Blocking first, then by severity. Pure.
 */
import type { Finding } from '../findings/types.js';
import { severityRank } from '../findings/types.js';

import type { ChannelMode } from '../config/noise.js';

export { CHANNEL_MODES, COMMENT_MODES } from '../config/noise.js';
export type { ChannelMode, CommentMode } from '../config/noise.js';

export function selectFindings(findings: Finding[], mode: ChannelMode, blocking: (f: Finding) => boolean): Finding[] {
  if (mode === 'none') return [];
  const keep = findings.filter((f) => !f.suppressed && (mode === 'all' || blocking(f) || (mode === 'new' && f.new !== false)));
  const rank = (f: Finding) => (blocking(f) ? 0 : 1);
  return keep.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i).map((x) => x.f);
}
