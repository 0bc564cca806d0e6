import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { accessLevelAt, accessLevelOf, actionInfo, canonicalAction, getCatalog, isWildcardOnly, serviceActionNames, serviceActions, wildcardOnlyAt } from '../../src/catalog/index.js';
import { serialiseCatalog } from '../../src/catalog/file-format.js';
import type { CompactCatalog } from '../../src/catalog/types.js';

// accessLevelOf / isWildcardOnly / canonicalAction answer from the catalogue's index (Action "*" asks them of every
// action): the answers must be the built action objects' answers, for every action and any spelling.
describe('access level and wildcard-only look-ups', () => {
  it('equal the built action objects for every catalogue action, before and after they are built', () => {
    const c = getCatalog();
    const asked = c.actions.map((a) => [a, a.toUpperCase()] as const);
    const look = (a: string, up: string) => [accessLevelOf(a), isWildcardOnly(a), accessLevelOf(up), isWildcardOnly(up), canonicalAction(a), canonicalAction(up)];
    const before = asked.map(([a, up]) => look(a, up));
    const built = asked.map(([a]) => actionInfo(a)!);
    expect(built.every((i) => i !== undefined)).toBe(true);
    const expected = built.map((i) => [i.accessLevel, i.isWildcardOnly, i.accessLevel, i.isWildcardOnly, i.key, i.key]);
    expect(before).toEqual(expected);
    const after = asked.map(([a, up]) => look(a, up));
    expect(after).toEqual(expected);
    // by position, as the action-set rules read it walking `*`
    expect(c.actions.map((_, i) => wildcardOnlyAt(i))).toEqual(built.map((i) => i.isWildcardOnly));
    expect(c.actions.map((_, i) => accessLevelAt(i))).toEqual(built.map((i) => i.accessLevel));
  });

  it("list a service's actions as its built objects do", () => {
    for (const p of ['s3', 'iam', 'ec2', 'kms', 'a4b']) {
      const listed = serviceActionNames(p)!;
      const built = [...serviceActions(p)!.values()];
      expect(listed.names).toEqual(built.map((a) => a.name));
      expect(listed.keys).toEqual(built.map((a) => a.key));
      expect([...listed.byName]).toEqual([...serviceActions(p)!.keys()].map((k, i) => [k, i]));
    }
    // an action's details are built once, whichever look-up asks first
    const one = actionInfo('ecs:CreateCluster')!;
    expect(serviceActions('ecs')!.get('createcluster')).toBe(one);
    expect(actionInfo('ECS:createcluster')).toBe(one);
    const all = serviceActions('lambda')!;
    expect(actionInfo('lambda:InvokeFunction')).toBe(all.get('invokefunction'));
    expect(serviceActionNames('no-such-service')).toBeUndefined();
    expect(serviceActionNames('S3')!.keys).toBe(serviceActionNames('s3')!.keys);
  });

  it('answers nothing for unknown, malformed and prototype-named actions', () => {
    for (const a of ['s3:NoSuchAction', 'nosuchservice:GetObject', 'GetObject', '', ':', 'constructor:toString', 's3:__proto__', 's3:constructor']) {
      expect(accessLevelOf(a)).toBeUndefined();
      expect(isWildcardOnly(a)).toBe(false);
      expect(canonicalAction(a)).toBeUndefined();
    }
    expect(accessLevelOf('IAM:createpolicyversion')).toBe('Permissions management');
    expect(canonicalAction('IAM:createpolicyversion')).toBe('iam:CreatePolicyVersion');
    expect(isWildcardOnly('kms:CreateKey')).toBe(true);
    expect(accessLevelOf('s3:PutObject')).toBe('Write');
  });
});

// a catalogue whose service spells one action name twice (differing in case): every look-up answers with the later
// spelling, the earlier spelling as written included, as the built objects do
describe('a name spelt twice in a service', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-facts-'));
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });
  it('answers with the later spelling', async () => {
    await useCatalog(dir, {
      x: {
        n: 'X',
        k: [],
        r: [['thing', 'arn:${Partition}:x:::${Name}', []]],
        a: [
          ['GetThing', 'R', [[0, 1]], []],
          ['Getthing', 'PW', [], []],
          ['List', 'L', [[0, 0]], []],
        ],
      },
    });
    const cat = await import('../../src/catalog/index.js');
    const { expandActionPattern } = await import('../../src/engine/actions.js');
    for (const a of ['x:GetThing', 'x:Getthing', 'X:GETTHING']) {
      expect(cat.canonicalAction(a)).toBe('x:Getthing');
      expect(cat.accessLevelOf(a)).toBe('Permissions management');
      expect(cat.isWildcardOnly(a)).toBe(true);
      expect(cat.actionInfo(a)!.key).toBe('x:Getthing');
    }
    expect(expandActionPattern('x:Get*')).toEqual(['x:Getthing']);
    expect(expandActionPattern('x:getTHING')).toEqual(['x:Getthing']);
    expect(expandActionPattern('x:*')).toEqual([...cat.serviceActions('x')!.values()].map((a) => a.key));
    expect(cat.canonicalAction('x:list')).toBe('x:List');
  });
});

// positions are found through a hint (the entry found last, or the next one) before a service's map of its entries:
// whatever was asked before, an answer is the one a fresh look-up gives (a text's last entry; an earlier spelling of
// a repeated name answered by name)
describe('catalogue positions, whatever was asked before', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-positions-'));
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });
  it('answer as a fresh look-up, in every order, for repeated spellings and texts', async () => {
    await useCatalog(dir, {
      x: { n: 'X', k: [], r: [], a: [['Dup', 'R', [], []], ['Dup', 'W', [], []], ['GetThing', 'R', [], []], ['Getthing', 'PW', [], []], ['List', 'L', [], []]] },
      y: { n: 'Y', k: [], r: [], a: [['Dup', 'T', [], []], ['Other', 'L', [], []]] },
    });
    const cat = await import('../../src/catalog/index.js');
    const { patternActionSet } = await import('../../src/engine/actions.js');
    const actions = cat.getCatalog().actions;
    expect(actions).toEqual(['x:Dup', 'x:Dup', 'x:GetThing', 'x:Getthing', 'x:List', 'y:Dup', 'y:Other']);
    const asked = [...actions, 'x:dup', 'X:Dup', 'x:GETTHING', 'y:other', 'z:Dup', 'x', '', 'x:', 'y:Dup ', 'x:Nope'];
    const want = new Map<string, [number, number, string | undefined]>([
      ['x:Dup', [1, 1, 'Write']],
      ['x:GetThing', [2, 3, 'Permissions management']],
      ['x:Getthing', [3, 3, 'Permissions management']],
      ['x:List', [4, 4, 'List']],
      ['y:Dup', [5, 5, 'Tagging']],
      ['y:Other', [6, 6, 'List']],
      ['x:dup', [-1, 1, 'Write']],
      ['X:Dup', [-1, 1, 'Write']],
      ['x:GETTHING', [-1, 3, 'Permissions management']],
      ['y:other', [-1, 6, 'List']],
    ]);
    const answer = (a: string) => [cat.exactActionPosition(a), cat.actionPosition(a), cat.accessLevelOf(a)];
    const orders = [asked, [...asked].reverse(), asked.flatMap((a) => [a, a]), asked.flatMap((a, i) => [a, asked[(i * 7) % asked.length]!])];
    for (const order of orders) for (const a of order) expect(answer(a), a).toEqual(want.get(a) ?? [-1, -1, undefined]);
    // `*`'s membership: the catalogue's own texts, exactly as written
    const all = patternActionSet('*');
    for (const a of asked) expect(all.has(a), a).toBe(actions.includes(a));
    // two entries of one text: counted once; each entry's wildcard-only flag read by position is its text's
    expect(cat.catalogDistinctActions()).toBe(6);
    actions.forEach((a, i) => expect([cat.wildcardOnlyAt(i), cat.accessLevelAt(i)], a).toEqual([cat.isWildcardOnly(a), cat.accessLevelOf(a)]));
  });
});

/** A tiny catalogue of `services` written to `dir` and made the one the modules imported next load. */
async function useCatalog(dir: string, services: CompactCatalog['services']): Promise<void> {
  const tiny: CompactCatalog = { format: 1, version: 't', date: 'd', global: [], rcp: [], services };
  const file = path.join(dir, 'catalog.json');
  writeFileSync(file, serialiseCatalog(tiny));
  vi.stubEnv('IAM_POLICY_GATE_CATALOG', file);
  vi.resetModules();
}
