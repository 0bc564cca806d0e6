/**
 * parseYamlDocument (text/yaml-document.ts) is yaml's parseDocument with the environment lookups per token taken
 * out: the same document and errors, and the process environment is the real one again afterwards, also when the
 * parser throws.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseYamlDocument } from '../../src/text/yaml-document.js';

const TEXT = 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {A: [1, "x", null]}\n  bad: [\n';

describe('parseYamlDocument', () => {
  it('gives what parseDocument gives (value, errors, ranges)', () => {
    const ok = 'a: 1\nb: [x, "y"]\nc: 2012-10-17\n';
    expect(parseYamlDocument(ok, { schema: 'core' }).toJS()).toEqual(parseDocument(ok, { schema: 'core' }).toJS());
    const a = parseYamlDocument(TEXT, { schema: 'core', prettyErrors: false });
    const b = parseDocument(TEXT, { schema: 'core', prettyErrors: false });
    expect(a.errors.map((e) => [e.code, e.pos])).toEqual(b.errors.map((e) => [e.code, e.pos]));
    expect(a.errors.length).toBeGreaterThan(0);
  });

  it('puts the real environment back, after a parse and after the parser throws', () => {
    const env = process.env;
    parseYamlDocument('a: 1\n', {});
    expect(process.env).toBe(env);
    expect(() => parseYamlDocument('a: 1\n', { schema: 'no-such-schema' })).toThrow(/schema/);
    expect(process.env).toBe(env);
    expect(process.env.PATH).toBeDefined();
  });
});
