/** Comment bodies over GitHub's size limit: cut so that what remains still renders and says where the rest is. */
import { describe, expect, it } from 'vitest';
import { clip } from '../../src/github/publish.js';

const MARKER = '<!-- iam-policy-gate:summary -->';

describe('clip', () => {
  it('leaves a body under the limit alone', () => {
    expect(clip(`hello\n${MARKER}`, 'the job summary', 1000)).toBe(`hello\n${MARKER}`);
  });

  it('cuts at a line end, closes an open code fence and <details>, keeps the marker', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `| iam/role-${i}.json | 12 | admin-wildcard |`).join('\n');
    const body = `## IAM Policy Gate\n<details><summary>All findings</summary>\n\n\`\`\`json\n${rows}\n\`\`\`\n</details>\n${MARKER}`;
    const out = clip(body, 'the job summary', 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.endsWith(MARKER)).toBe(true);
    expect(out).toContain("truncated at GitHub's 2000-character limit; the complete report is in the job summary");
    const kept = out.slice(0, out.indexOf('\n\n_…truncated'));
    expect((kept.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(kept.endsWith('</details>')).toBe(true);
    // no half row: every kept table line is complete
    for (const l of kept.split('\n').filter((x) => x.startsWith('| iam/'))) expect(l).toMatch(/\| admin-wildcard \|$/);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const body = `${'😀'.repeat(600)}${MARKER}`; // one line, no place to cut but inside the emoji run
    const out = clip(body, 'the logs', 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
  });
});
