import { describe, expect, it } from 'vitest';
import { accessLevelOf, actionInfo, getCatalog, isWildcardOnly } from '../../src/catalog/index.js';

// accessLevelOf / isWildcardOnly answer from a service's details until its actions' objects are built (Action "*"
// asks them of every action): the answers must be the objects' answers, for every action and any spelling.
describe('access level and wildcard-only look-ups', () => {
  it('equal the built action objects for every catalogue action, before and after they are built', () => {
    const c = getCatalog();
    const asked = c.actions.map((a) => [a, a.toUpperCase()] as const);
    const before = asked.map(([a, up]) => [accessLevelOf(a), isWildcardOnly(a), accessLevelOf(up), isWildcardOnly(up)]);
    const built = asked.map(([a]) => actionInfo(a)!);
    expect(built.every((i) => i !== undefined)).toBe(true);
    const expected = built.map((i) => [i.accessLevel, i.isWildcardOnly, i.accessLevel, i.isWildcardOnly]);
    expect(before).toEqual(expected);
    const after = asked.map(([a, up]) => [accessLevelOf(a), isWildcardOnly(a), accessLevelOf(up), isWildcardOnly(up)]);
    expect(after).toEqual(expected);
  });

  it('answers nothing for unknown, malformed and prototype-named actions', () => {
    for (const a of ['s3:NoSuchAction', 'nosuchservice:GetObject', 'GetObject', '', ':', 'constructor:toString', 's3:__proto__', 's3:constructor']) {
      expect(accessLevelOf(a)).toBeUndefined();
      expect(isWildcardOnly(a)).toBe(false);
    }
    expect(accessLevelOf('IAM:createpolicyversion')).toBe('Permissions management');
    expect(isWildcardOnly('kms:CreateKey')).toBe(true);
    expect(accessLevelOf('s3:PutObject')).toBe('Write');
  });
});
