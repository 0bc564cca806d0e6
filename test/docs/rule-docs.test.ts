import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allRuleMeta, registeredRuleMeta } from '../../src/checks/registry.js';
import { OTHER_FINDINGS } from '../../src/rules-meta/other-findings.js';
import { ruleDocs } from '../../src/rules-meta/docs.js';
import { DOCS_BASE, ruleDocsUrl } from '../../src/rules-meta/types.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('generated rule docs', () => {
  const docs = ruleDocs(registeredRuleMeta(), OTHER_FINDINGS);
  it('every committed page and the id index match the metas (run `npm run docs` after changing a rule\'s meta)', () => {
    const stale: string[] = [];
    for (const [rel, text] of docs) {
      const file = path.join(root, rel);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(rel);
    }
    const extra = readdirSync(path.join(root, 'docs/rules')).filter((f) => !docs.has(`docs/rules/${f}`));
    expect({ stale, extra }).toEqual({ stale: [], extra: [] });
  });
  it('every finding id has a unique id and a page the findings link to; rules outside validation have examples', () => {
    const metas = allRuleMeta();
    const ids = metas.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of metas) {
      expect(docs.has(`docs/rules/${m.id}.md`), m.id).toBe(true);
      if (!m.reference) expect(ruleDocsUrl(m)).toBe(`${DOCS_BASE}${m.id}.md`);
    }
    for (const m of registeredRuleMeta().filter((x) => x.category !== 'validation')) expect(m.examples, m.id).toBeDefined();
  });
});
