/**
 * The two matchers: path globs for the config and the CLI (src/util/path-glob.ts), IAM globs (src/engine/wildcard.ts) for
 * ignore.resource / ignore.action and action patterns. Hostile patterns finish and answer correctly (no timing).
 */
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/engine/wildcard.js';
import { pathGlobList, pathGlobMatch } from '../../src/util/path-glob.js';

describe('path globs', () => {
  const cases: [string, string, boolean][] = [
    ['*.yml', 'a.yml', true],
    ['*.yml', 'x/a.yml', false],
    ['**/*.yml', 'x/y/a.yml', true],
    ['**/*.yml', 'a.yml', true],
    ['infra/**', 'infra', true],
    ['infra/**', 'infra/a/b.json', true],
    ['infra/**', 'infrastructure/a.json', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/xb', false],
    ['a/*/c', 'a/x/y/c', false],
    ['{infra,deploy}/**/*.tf', 'deploy/x/main.tf', true],
    ['{infra,deploy}/**/*.tf', 'other/main.tf', false],
    ['infra/{a,b/{c,d}}/*.tf', 'infra/b/d/x.tf', true],
    ['[ab]*.json', 'b1.json', true],
    ['[!ab]*.json', 'b1.json', false],
    ['[a-c]?.tf', 'c9.tf', true],
    ['x?.tf', 'x/.tf', false],
    ['.github/*.yml', '.github/iam-policy-gate.yml', true],
    ['**', '.hidden/x', true],
    ['\\*.json', '*.json', true],
    ['\\*.json', 'a.json', false],
    ['{a', '{a', true],
    ['[a', '[a', true],
  ];
  for (const [pattern, path, expected] of cases) it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => expect(pathGlobMatch(pattern, path)).toBe(expected));

  it('a list: any pattern, minus the ! patterns', () => {
    const m = pathGlobList(['examples/**', '!examples/prod/**']);
    expect(['examples/a.json', 'examples/prod/a.json', 'infra/a.json'].map(m)).toEqual([true, false, false]);
    expect(['a', 'b'].map(pathGlobList(['!a']))).toEqual([false, true]);
  });

  it('hostile patterns finish with the right answer', () => {
    const name = 'a'.repeat(40);
    const stars12 = Array.from({ length: 12 }, () => '*a').join('') + 'b'; // the backtracking killer: no match
    expect(pathGlobMatch(stars12, name)).toBe(false);
    expect(pathGlobMatch(stars12.slice(0, -1), name)).toBe(true);
    expect(pathGlobMatch('**/'.repeat(30) + 'x', 'a/'.repeat(200) + 'y')).toBe(false);
    expect(pathGlobMatch('{a,{a,{a,{a,{a,b}}}}}'.repeat(20) + 'c', 'a'.repeat(400))).toBe(false);
    expect(pathGlobMatch('*'.repeat(5000) + 'x', 'y'.repeat(4000))).toBe(false);
    expect(pathGlobList([stars12, '!' + stars12])(name)).toBe(false);
  });
});

describe('IAM globs for ignore.resource / ignore.action', () => {
  it('case-insensitive whole-string matching, hostile patterns included', () => {
    expect(globMatch('module.breakglass.*', 'module.BreakGlass.aws_iam_role.x')).toBe(true);
    expect(globMatch('iam:Pass*', 'iam:PassRole')).toBe(true);
    expect(globMatch('s3:?et*', 's3:GetObject')).toBe(true);
    expect(globMatch('s3:Get', 's3:GetObject')).toBe(false);
    const pattern = Array.from({ length: 12 }, () => '*a').join('') + '*b';
    expect(globMatch(pattern, 'a'.repeat(40))).toBe(false);
    expect(globMatch('*?'.repeat(2000) + 'z', 'q'.repeat(5000))).toBe(false);
  });
});
