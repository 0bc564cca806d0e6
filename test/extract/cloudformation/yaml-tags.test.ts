/**
 * Short-form tags (`!Ref`, `!GetAtt`, ...) become their long form however a template spells them. The reader gives
 * the YAML parser only the tags a text uses (yaml.ts tagsFor); these cases pin that every name, in every node
 * kind and every spelling YAML allows (verbatim, a %TAG handle, %-escapes), is still read as its intrinsic.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate, plain, type CNode } from '../../../src/extract/cloudformation/yaml.js';

const NAMES = [
  'Ref', 'Condition', 'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join',
  'Not', 'Or', 'Select', 'Split', 'Sub', 'Transform', 'Length', 'ToJsonString', 'ForEach', 'Include', 'GetEnv',
];
const long = (n: string) => (n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`);
const entry = (root: CNode, key: string): CNode => {
  if (root.kind !== 'map') throw new Error('not a map');
  return root.entries.get(key)!;
};

describe('YAML short-form tags', () => {
  it('every intrinsic, as a scalar, a sequence and a mapping, is read in its long form with no warning', () => {
    const text = NAMES.map((n) => `${n}S: !${n} x\n${n}Q: !${n} [a, b]\n${n}M: !${n} {a: b}\n${n}B: !${n}\n  - c\n`).join('');
    const { root, warnings } = parseTemplate(text, 't.yaml');
    expect(warnings).toEqual([]);
    for (const n of NAMES) {
      const scalar = n === 'GetAtt' ? ['x', ''] : 'x';
      expect(plain(entry(root, `${n}S`))).toEqual({ [long(n)]: scalar });
      expect(plain(entry(root, `${n}Q`))).toEqual({ [long(n)]: ['a', 'b'] });
      expect(plain(entry(root, `${n}M`))).toEqual({ [long(n)]: { a: 'b' } });
      expect(plain(entry(root, `${n}B`))).toEqual({ [long(n)]: ['c'] });
    }
  });

  it('one tag alone in a template, and a name that only starts like one, are told apart', () => {
    expect(plain(parseTemplate('A: !Base64 x\n', 't.yaml').root)).toEqual({ A: { 'Fn::Base64': 'x' } });
    const r = parseTemplate('A: !Base64x y\nB: "!Ref z"\n', 't.yaml');
    expect(plain(r.root)).toEqual({ A: 'y', B: '!Ref z' });
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('!Base64x')]);
  });

  it('a verbatim tag, a %TAG handle and a %-escaped name are the same intrinsic', () => {
    expect(plain(parseTemplate('A: !<!Ref> x\n', 't.yaml').root)).toEqual({ A: { Ref: 'x' } });
    expect(plain(parseTemplate('%TAG !e! !\n---\nA: !e!GetAtt R.Arn\n', 't.yaml').root)).toEqual({ A: { 'Fn::GetAtt': ['R', 'Arn'] } });
    expect(plain(parseTemplate('%TAG !e! !R\n---\nA: !e!%65f x\n', 't.yaml').root)).toEqual({ A: { Ref: 'x' } });
    // without a handle the parser does not decode %-escapes: an unknown tag, said so (as CloudFormation rejects it)
    const r = parseTemplate('A: !R%65f x\n', 't.yaml');
    expect([plain(r.root), r.warnings.map((w) => w.message)]).toEqual([{ A: 'x' }, ['Unresolved tag: !R%65f']]);
  });

  it('plain scalars keep their core-schema types (the string shortcut only takes what can only be a string)', () => {
    const text = 'a: null\nb: ~\nc: True\nd: 0x1F\ne: .inf\nf: -1.5e3\ng: 0o12\nh: NULL\ni: nope\nj: AWS::IAM::Role\nk: 2012-10-17\nl: 012\nm:\nn: false\no: +7\np: Effect\nq: "true"\n';
    expect(plain(parseTemplate(text, 't.yaml').root)).toEqual({
      a: null, b: null, c: true, d: 31, e: '.inf', f: -1500, g: 10, h: null, i: 'nope', j: 'AWS::IAM::Role', k: '2012-10-17',
      l: 12, m: null, n: false, o: 7, p: 'Effect', q: 'true',
    });
  });
});
