/**
 * The direct JSON reader (json-template.ts) skips white space and a string's plain characters with sticky regular
 * expressions: the same nodes, offsets, depth and refusals (not strict JSON: undefined) as the reader that looked at
 * each character, on texts made of JSON pieces and their corners (escapes, a backslash at the end, control
 * characters, every JSON white space, unterminated strings, lone surrogates).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonTemplate } from '../../../src/extract/cloudformation/json-template.js';
import { parseJsonTemplateOracle } from './oracle/json-template-chars.js';

const PIECES = ['{', '}', '[', ']', ',', ':', '"', '"a"', '"k"', '"Type"', ' ', '  ', '\n', '\r\n', '\t', '\\', '\\"', '\\n', '\\u0041', '\\ud83d', '\u0001', '\u001f', 'x', '1', '-0.5e3', 'true', 'null', '\ud83d', '\u00e9', '"a\\\\"'];

function outcome(f: () => unknown): unknown {
  try {
    return { value: JSON.parse(JSON.stringify(f(), (k, v) => (k === 'src' ? undefined : v instanceof Map ? [...v] : v))) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('direct JSON reader, characters skipped natively', () => {
  it('reads as the reader that looked at each character', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(outcome(() => parseJsonTemplate(text, 't.json', 256, 2_000_000))).toEqual(outcome(() => parseJsonTemplateOracle(text, 't.json', 256, 2_000_000)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads templates with white space, escapes and strings at the end as before', () => {
    for (const text of [
      '{\n    "Resources": {\r\n\t"R": { "Type": "AWS::IAM::Role", "P": ["a\\"b", "\\u00e9", 1, true, null] }\n  }\n}\n',
      '{"a": "b\\', '{"a": "b\\"', '{"a": "b', '{"a": "\u0001"}', '  {"a":[ ]} ', '{"a":"\ud83d"}', '{"a":"x"}  x',
    ]) expect(outcome(() => parseJsonTemplate(text, 't.json', 256, 100)), JSON.stringify(text)).toEqual(outcome(() => parseJsonTemplateOracle(text, 't.json', 256, 100)));
  });
});
