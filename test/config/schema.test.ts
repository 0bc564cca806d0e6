import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { configJsonSchema } from '../../src/config/schema.js';
import { parseConfig } from '../../src/config/load.js';

const root = new URL('../../', import.meta.url).pathname;
const committed = JSON.parse(readFileSync(`${root}docs/iam-policy-gate.schema.json`, 'utf8')) as Record<string, unknown>;

/** The YAML config examples of a Markdown file (fenced yaml blocks that start with the config file's name). */
function examples(file: string): string[] {
  const md = readFileSync(`${root}${file}`, 'utf8');
  return [...md.matchAll(/```yaml\n(# \.github\/iam-policy-gate\.yml\n[\s\S]*?)```/g)].map((m) => m[1]!);
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(committed);
}

describe('the committed JSON Schema (docs/iam-policy-gate.schema.json)', () => {
  it('is what src/config/schema.ts generates (run `npm run schema` after changing the schema)', () => {
    expect(committed).toEqual(configJsonSchema());
  });

  it('validates the complete example of docs/configuration.md and the README example, which also load without error', () => {
    const all = [...examples('docs/configuration.md'), ...examples('README.md')];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const validate = validator();
    for (const text of all) {
      const ok = validate(parse(text, { schema: 'core' }));
      expect(validate.errors ?? [], text.slice(0, 80)).toEqual([]);
      expect(ok).toBe(true);
      expect(() => parseConfig(text, 'example.yml')).not.toThrow();
    }
  });

  it('the complete example sets every top-level key the schema knows', () => {
    const example = parse(examples('docs/configuration.md')[0]!, { schema: 'core' }) as Record<string, unknown>;
    const keys = Object.keys(committed.properties as object).filter((k) => k !== '$schema' && k !== 'include');
    expect(keys.filter((k) => !(k in example))).toEqual([]);
  });

  it('rejects what the loader rejects: unknown keys, wrong types, an ignore entry without reason', () => {
    const validate = validator();
    expect(validate({ failOn: 'error' })).toBe(false);
    expect(validate({ 'fail-on': 'loud' })).toBe(false);
    expect(validate({ ignore: [{ rule: 'admin-wildcard' }] })).toBe(false);
    expect(validate({ 'access-analyzer': { mode: 'on', locale: 'XX' } })).toBe(false);
    expect(validate({ organization: { ous: { A: { ous: { B: { accounts: ['1'] } } } } } })).toBe(false);
    expect(validate({ 'fail-on': 'error', ignore: [{ rule: 'admin-wildcard', reason: 'ok', expires: '2026-12-31' }] })).toBe(true);
  });
});
