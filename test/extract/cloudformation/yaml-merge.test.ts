/**
 * YAML merge keys (`<<: *base`) in templates: tools that deploy them (SAM CLI, rain; PyYAML) apply the merge, so a
 * PolicyDocument merged into Properties from an anchor is a policy the gate must see.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate, type CNode } from '../../../src/extract/cloudformation/yaml.js';

const plain = (n: CNode | undefined): unknown =>
  n === undefined ? undefined : n.kind === 'map' ? Object.fromEntries([...n.entries].map(([k, v]) => [k, plain(v)])) : n.kind === 'seq' ? n.items.map(plain) : n.value;

describe('YAML merge keys', () => {
  it('merges the anchored keys into the mapping; explicit keys win, then earlier merged maps', () => {
    const { root } = parseTemplate(
      `A: &a {PolicyDocument: {Statement: x}, Name: fromA}
B: &b {Name: fromB, Extra: b}
P:
  <<: [*a, *b]
  Name: explicit
`,
      't.yaml',
    );
    const p = plain((root as Extract<CNode, { kind: 'map' }>).entries.get('P')) as Record<string, unknown>;
    expect(p.PolicyDocument).toEqual({ Statement: 'x' });
    expect(p.Name).toBe('explicit');
    expect(p.Extra).toBe('b');
  });

  it('a quoted "<<" key is an ordinary key, not a merge', () => {
    const { root } = parseTemplate(`A: &a {PolicyDocument: 1}\nP:\n  "<<": *a\n`, 't.yaml');
    const p = plain((root as Extract<CNode, { kind: 'map' }>).entries.get('P')) as Record<string, unknown>;
    expect(p.PolicyDocument).toBeUndefined();
  });
});
