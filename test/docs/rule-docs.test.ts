import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules as registered } from '../../src/checks/rules/index.js';
import { scpRules } from '../../src/checks/scp/index.js';

const rules = [...registered, ...scpRules];
import { ruleDocs } from '../../src/checks/rule-docs.js';
import { DOCS_BASE, ruleDocsUrl } from '../../src/checks/rules/types.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('generated rule docs', () => {
  const docs = ruleDocs(rules);
  it('every committed page matches the rules (run `npm run docs` after changing a rule\'s meta)', () => {
    const stale: string[] = [];
    for (const [rel, text] of docs) {
      const file = path.join(root, rel);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(rel);
    }
    const extra = readdirSync(path.join(root, 'docs/rules')).filter((f) => !docs.has(`docs/rules/${f}`));
    expect({ stale, extra }).toEqual({ stale: [], extra: [] });
  });
  it('every rule has a unique id, examples and a page the findings link to', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const lp = rules.filter((r) => r.meta.category !== 'validation');
    for (const r of lp) {
      expect(r.meta.examples, r.meta.id).toBeDefined();
      if (!r.meta.reference) expect(ruleDocsUrl(r.meta)).toBe(`${DOCS_BASE}${r.meta.id}.md`);
    }
  });
});
