/** Past its character budget the summary drops per-finding fixes of the folded part first, then lists fewer findings and says so. */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { tmpRepo } from '../helpers/tmp-repo.js';
import { thirtyFilePr } from '../pr/summary-fixtures.js';

describe('the summary under a character budget', () => {
  it('fits, keeps every fold closed, keeps the blocking findings first, and counts what it left out', async () => {
    const result = await runGate(['.'], defaultOptions(tmpRepo(thirtyFilePr().head)));
    const full = toMarkdown(result);
    expect(full).not.toContain('not shown here');
    for (const max of [15_000, 8_000]) {
      const md = toMarkdown(result, { maxChars: max, fullReportHint: 'see the JSON report' });
      expect(md.length).toBeLessThanOrEqual(max);
      expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
      const omitted = Number(/_(\d+) more findings? not shown here: see the JSON report\._/.exec(md)?.[1] ?? 0);
      const shown = (md.match(/^- (🛑|🔒|⚠️|💡) /gm) ?? []).length;
      expect(omitted).toBeGreaterThan(0);
      expect(shown + omitted).toBe(135);
      expect(md.indexOf('### 🛑 Blocking (65)')).toBeGreaterThan(0);
    }
  });
});
