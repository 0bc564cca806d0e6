/**
 * The fast YAML reader (yaml-cst.ts, straight from the parser's tokens) gives exactly what the Document reader
 * gives (kind, value and its type, offsets, key offsets, warnings, or the same error with line and column), on
 * every YAML file of the corpus (test/helpers/corpus.ts) and on thousands of generated and mutated texts; where
 * it gives up, the Document reader reads the text, so the result is the same either way.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTemplate, type ParseLimits } from '../../../src/extract/cloudformation/yaml.js';
import { composeFromCst } from '../../../src/extract/cloudformation/yaml-cst.js';
import { lineTable } from '../../../src/extract/cloudformation/json-template.js';
import { corpus } from '../../helpers/corpus.js';
import { LIMITS, outcome } from './yaml-outcome.js';
import { YamlGen, mutate, rng } from './yaml-gen.js';


/** Both readers agree on `text`; returns whether the fast reader read it itself. */
function agree(text: string, limits: ParseLimits = {}, label = ''): boolean {
  const fast = outcome(text, limits);
  const doc = outcome(text, { ...limits, cst: false });
  // compared as text first (quick), -0 kept apart from 0
  const json = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v));
  if (json(fast) !== json(doc)) expect(fast, label || JSON.stringify(text)).toEqual(doc);
  return composeFromCst(text, { file: 't.yaml', lineCounter: lineTable(text) }, { ...LIMITS, ...limits }) !== undefined;
}

describe('YAML templates: the fast reader vs the Document reader', () => {
  const c = corpus();
  it(`agree on every YAML template of the ${c.name}, and the fast reader reads them`, () => {
    let compared = 0;
    let fast = 0;
    for (const f of c.files(['cloudformation', 'sam'])) {
      if (!/\.(ya?ml|template)$/i.test(f)) continue;
      if (agree(readFileSync(f, 'utf8'), {}, path.relative(c.root, f))) fast++;
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(c.atLeast(300));
    expect(fast).toBeGreaterThanOrEqual(compared * 0.95);
  });

  it('agree on thousands of generated and mutated texts (seeded)', () => {
    const r = rng(20261205);
    // mostly well-formed texts, and texts with more of what the fast reader leaves to the Document reader
    const gens = [new YamlGen(r, 0), new YamlGen(r, 0.05)];
    let fast = 0;
    const runs = 3000;
    for (let i = 0; i < runs; i++) {
      const text = mutate(r, gens[i % 2]!.document());
      if (agree(text)) fast++;
    }
    // most generated texts are read by the fast reader, the rest (errors, rare constructs) fall back
    expect(fast).toBeGreaterThan(runs * 0.3);
    expect(fast).toBeLessThan(runs);
  });

  it('agree under small budgets (depth, aliases, nodes), where the Document reader reports the overflow', () => {
    const r = rng(7);
    const gen = new YamlGen(r);
    for (let i = 0; i < 600; i++) {
      const text = gen.document();
      agree(text, { maxDepth: 1 + (i % 4), maxAliases: i % 3, maxNodes: 5 + (i % 40) });
    }
  });

  it('reads short-form tags, anchors, aliases, merge keys, duplicates and core-schema scalars itself', () => {
    const text = [
      'A: &a {PolicyDocument: {Statement: x}, Name: fromA}',
      'B: !GetAtt Role.Arn',
      'C: !If [Cond, !Ref X, !Sub "${AWS::Region}"]',
      'D: [0x1F, 1e3, .inf, ~, yes, no, 017, 0o17, -.5, "1", null]',
      'E:',
      '  <<: *a',
      '  Name: explicit',
      'F: |-',
      '  line',
      'Dup: 1',
      'Dup: 2',
      'G: !Unknown {k: v}',
      'H: [k: v, ! "Ref": x]',
      '',
    ].join('\n');
    expect(agree(text)).toBe(true);
    expect(agree(text.replace(/\n/g, '\r\n'))).toBe(true);
    expect(agree('\uFEFF' + text)).toBe(true);
    const { root, warnings } = parseTemplate(text, 't.yaml');
    const d = root.kind === 'map' ? root.entries.get('D') : undefined;
    expect(d?.kind === 'seq' ? d.items.map((i) => (i.kind === 'scalar' ? i.value : undefined)) : []).toEqual([31, 1000, '.inf', null, 'yes', 'no', 17, 15, -0.5, '1', null]);
    expect(warnings.map((w) => [w.rule ?? '', w.line])).toEqual([['', 12], ['duplicate-key', 10]]);
  });

  it('agree on hand-picked corners, each read by the fast reader', () => {
    const corners = [
      'A: &a {K: 1, K: 2}\nB: *a\nC: *a\n', // duplicate-key warnings repeated at each alias, as the converter repeats them
      'A: !Ref\nB: !GetAtt\nC: !Sub\n', // short-form tags on empty values
      'A: {a, b: , c: !Ref}\n', // flow-map keys without values
      'A: [k: v, k2: , "q": [1]]\n', // pairs in a flow sequence
      '!Foo K: v\n! "<<": x\n<<: {M: 1}\n', // unknown and non-specific tags on keys, a merge
      'A: !Foo\n  - 1\nB: ! 12\nC: !Bar {a: 1}\n', // unknown tags on collections, `!` keeps a scalar a string
      'A: |+\n  kept\n\nB: >-\n  folded\n  text\nC: "esc\\t\\u00e9\\x41"\nD: \'it\'\'s\'\n',
      'A: &x 1\nB: [*x, *x]\nC: {<<: [{M: 1}, {N: 2}], M: 0}\n',
      '# c\n---\nA: 1 # c\n# end\n',
      'A:\n- 1\n-\n- - 2\n  - 3\n',
      'A: "line\n  two"\nB: plain\n  continued\n',
      '1: a\n~: b\ntrue: c\n0x1F: d\n1.0: e\n.inf: f\n"": g\n',
    ];
    for (const text of corners) {
      expect(agree(text), text).toBe(true);
      expect(agree(text.replace(/\n/g, '\r\n')), 'CRLF ' + text).toBe(true);
    }
  });

  it('gives up, and the Document reader gives its own message and position, on errors and rare constructs', () => {
    const cases = ['a: [b', 'a: b\n  c: d', '%YAML 1.2\n---\na: 1', 'a: 1\n---\nb: 2', '? a\n: b', 'a: *nope', '&x a: 1', '[a]: 1', 'a: !!int 3', 'a: 1\n...\n', 'a: &x [*x]'];
    for (const text of cases) expect(agree(text), text).toBe(false);
    expect(() => parseTemplate('a: [b', 't.yaml')).toThrow(/line|end|flow/i);
  });
});
