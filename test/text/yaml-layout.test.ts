/**
 * The YAML layout the `yaml` package misreads (text/yaml-layout.ts): a comment at column 0 between a key or dash and
 * its value on a later line. Found where it is, with the value's line and column; common layouts with column-0
 * comments (file headers, comments between resources, before list items or keys) are read as before.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { misreadLayout } from '../../src/text/yaml-layout.js';
import { parseTemplate } from '../../src/extract/cloudformation/yaml.js';

describe('misreadLayout', () => {
  it('finds a column-0 comment between an indicator and its value, at the value', () => {
    const seq = 'Resource:\n  -\n\n# deploy role\n    arn:aws:iam::1:role/deploy\n  - "*"\n';
    // the package itself folds the two items into one value: why the layout is refused
    expect(parse(seq)).toEqual({ Resource: ['arn:aws:iam::1:role/deploy - "*"'] });
    expect(misreadLayout(seq)).toEqual({ line: 5, column: 5 });
    for (const [text, line, column] of [
      ['a:\n  d:\n\n# note\n    benign\n  p: 1\n', 5, 5],
      ['a:\n  d: !Ref\n# note\n    x\n', 4, 5],
      ['a:\n  d:  # c\n# note\n    "quoted"\n', 4, 5],
      ['- -\n\n# c\n    x\n', 4, 5],
      // a tag and an anchor on the indicator's line, in either order (red team S8-F3)
      ['a:\n  - &deploy !Sub\n\n# c\n    arn:x\n  - "*"\n', 5, 5],
      ['a:\n  - !Sub &deploy\n\n# c\n    arn:x\n  - "*"\n', 5, 5],
      ['a:\n  k: !Sub &a !!str  # c\n# c\n    x\n', 4, 5],
      ['a:\r\n  d:\r\n\r\n# note\r\n    benign\r\n', 5, 5],
    ] as const) expect(misreadLayout(text), JSON.stringify(text)).toEqual({ line, column });
  });

  it('leaves layouts with column-0 comments that every reader reads alike', () => {
    for (const text of [
      '# header\nResources:\n  A:\n    Type: X\n',
      'Resources:\n# the roles\n  A:\n    Type: X\n\n# more\n  B:\n    Type: Y\n',
      'Resource:\n# first\n  - a\n\n# second\n  - b\n',
      'a:\n  d:\n\n  # indented\n    benign\n',
      'a:\n  d: x\n# c\n  e: y\n',
      'a: |\n  text\n# c\nb: 1\n',
      'a:\n  d:\n# c\n  e: 1\n',
    ]) expect(misreadLayout(text), JSON.stringify(text)).toBeUndefined();
  });

  it('makes such a template not analysed, with the position and a fix', () => {
    expect(() => parseTemplate('Resources:\n  P:\n    Properties:\n      D:\n\n# c\n        x\n      - y\n', 't.yaml')).toThrow(/indent the comment or remove it/);
    try {
      parseTemplate('a:\n  -\n\n# c\n    x\n  - "*"\n', 't.yaml');
    } catch (e) {
      expect(e).toMatchObject({ line: 5, column: 5 });
    }
  });

  it('finds the layout at the end of a long run of indicator and comment lines, and leaves a long run of comments alone', () => {
    const text = 'a:\n' + '  b:\n# c\n'.repeat(50_000) + '    x\n';
    expect(misreadLayout(text)).toEqual({ line: 100_002, column: 5 });
    expect(misreadLayout('a:\n' + '# c\n'.repeat(100_000) + '  - x\n')).toBeUndefined();
  });
});
