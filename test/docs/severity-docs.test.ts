/** docs/severity.md gives, for every registered rule, its default severity and why it blocks or not. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { registeredRuleMeta } from '../../src/checks/registry.js';

const text = readFileSync(path.resolve(import.meta.dirname, '../../docs/severity.md'), 'utf8');

describe('docs/severity.md', () => {
  it('has a row for every registered rule with its default severity and a reason', () => {
    const problems: string[] = [];
    for (const m of registeredRuleMeta()) {
      const row = text.split('\n').find((l) => l.startsWith(`| [\`${m.id}\`](rules/${m.id}.md) |`));
      if (!row) problems.push(`${m.id}: no row`);
      else {
        const cells = row.split(' | ');
        if (!cells[1]?.startsWith(m.severity)) problems.push(`${m.id}: says ${cells[1]}, the rule's default is ${m.severity}`);
        if ((cells[2] ?? '').length < 10) problems.push(`${m.id}: no reason`);
      }
    }
    expect(problems).toEqual([]);
  });
});
