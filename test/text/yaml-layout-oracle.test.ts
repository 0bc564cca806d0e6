/**
 * misreadLayout (text/yaml-layout.ts) finds each `#` of the text once instead of looking at every character of every
 * content line for a comment: the same answer (layout or not, line and column) as the version that did, on texts
 * built from the pieces the layout is made of (indicators, tags, anchors, comments at column 0 and after spaces or
 * tabs, `#` inside words and quotes, blank lines, CR LF) and on the cases of yaml-layout.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { misreadLayout } from '../../src/text/yaml-layout.js';
import { misreadLayoutOracle } from './oracle/yaml-layout-lines.js';

const PIECES = ['a:', 'key: ', '-', '- ', '  ', '    ', '\n', '\n#', '\n# c', ' #', '\t#', '#', 'x#y', "'#'", '"a #"', '!Ref', ' !Sub', '&a', ' &b', '!!str', 'arn:x', '"*"', ':', '\r\n', '\t', 'v', ' '];

describe('misreadLayout, each # found once', () => {
  it('answers as the version that looked at every character', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(misreadLayout(text)).toEqual(misreadLayoutOracle(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('finds the layout with comments after the indicator and inside values, as before', () => {
    for (const [text, layout] of [
      ['a:\n  d:  # c\n# note\n    "quoted"\n', true],
      ['a:\n  d: x#y # c\n# note\n    v\n', false],
      ['a:\n  d: x#y:\n# note\n    v\n', true],
      ['a:\n  - &deploy !Sub  # c #d\n\n# c\n    arn:x\n  - "*"\n', true],
      ['a:\n  d:\t# c\n# note\n    v\n', true],
      ['# head\na:\n  b: 1 # c\n  c:\n# note\n    v\n', true],
    ] as const) {
      expect(misreadLayout(text), JSON.stringify(text)).toEqual(misreadLayoutOracle(text));
      expect(misreadLayout(text) !== undefined, JSON.stringify(text)).toBe(layout);
    }
  });
});
