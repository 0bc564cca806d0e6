/**
 * Escaping for everything that comes from the pull request (file names, resource names, Sids, policy text, finding
 * details) before it is put into Markdown or HTML: no raw HTML, no links or images, no @mentions, no breaking out of
 * code spans or table cells.
 */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|~>]/g;

/** Plain text -> Markdown text that renders as exactly that text. */
export function mdText(text: string): string {
  return String(text)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_SPECIAL, (c) => (c === '>' ? c : '\\' + c))
    .replace(/@/g, '&#64;')
    .replace(/:\/\//g, ':&#47;&#47;');
}

/**
 * Text -> an inline code span. The fence is longer than any backtick run inside, so the text cannot close it;
 * code spans render no HTML, links or mentions.
 */
export function mdCode(text: string, max = 200): string {
  let t = String(text).replace(/\r?\n|\r/g, ' ');
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  let longest = 0;
  for (const m of t.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Text -> a fenced code block body safe against fence break-out. */
export function mdCodeBlock(text: string, lang = ''): string {
  let longest = 2;
  for (const m of String(text).matchAll(/`{3,}|~{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Escape for an HTML attribute/text context (used inside <details><summary>). */
export function htmlText(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/@/g, '&#64;');
}

/** A URL we generated ourselves may be linked; anything else is shown as text. */
export function trustedLink(label: string, url: string | undefined): string {
  if (!url || !/^https:\/\/(docs\.aws\.amazon\.com|github\.com\/iam-policy-gate)\//.test(url)) return mdText(label);
  return `[${mdText(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/** Text for workflow commands (`::error ...::message`): percent-encode what the runner interprets. */
export function commandValue(text: string): string {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function commandProperty(text: string): string {
  return commandValue(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
