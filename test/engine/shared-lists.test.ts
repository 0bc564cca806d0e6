/**
 * The rules hand out cached lists (an expansion's matching actions, a statement's strings) instead of copies: what a
 * finding carries must still be its own, and a memo keyed by the text as written must never let two different
 * spellings or files share a result they should not.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { TextMemo } from '../../src/util/memo.js';
import { strings } from '../../src/policy/statements.js';

const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

async function scan(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'ipg-shared-lists-'));
  try {
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(root, rel), text);
    return await runGate(Object.keys(files), { ...defaultOptions(root), accessAnalyzer: 'off' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('cached lists behind the findings', () => {
  it('a finding’s action list is its own: changing it does not change the next file’s finding', async () => {
    const write = doc({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' });
    const r = await scan({ 'a.json': write, 'b.json': write });
    const of = (file: string) => r.findings.find((f) => f.file === file && f.ruleId === 'write-on-all-resources')!;
    const a = of('a.json');
    const b = of('b.json');
    expect(a.details!.actions).toEqual(b.details!.actions);
    expect(a.details!.actions).not.toBe(b.details!.actions);
    (a.details!.actions as string[]).length = 0;
    expect((b.details!.actions as string[]).length).toBeGreaterThan(0);
  });

  it('the same pattern in another case gives the same findings, and a wildcard-free spelling does not borrow them', async () => {
    const lower = await scan({ 'a.json': doc({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }) });
    const mixed = await scan({ 'a.json': doc({ Effect: 'Allow', Action: 'DynamoDB:*', Resource: '*' }), 'b.json': doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }) });
    const msgs = (r: typeof lower, file: string) => r.findings.filter((f) => f.file === file && f.ruleId === 'write-on-all-resources').map((f) => f.details!.actionCount);
    expect(msgs(mixed, 'a.json')).toEqual(msgs(lower, 'a.json'));
    expect(msgs(mixed, 'b.json')).toEqual([]);
  });
});

describe('TextMemo', () => {
  it('keys are exact: different strings never share an entry, equal ones do whatever object holds them', () => {
    const m = new TextMemo<number>(10);
    const text = 'xx s3:GetObject yy';
    m.set(text.slice(3, 15), 1);
    expect(m.get('s3:GetObject')).toBe(1);
    expect(m.get('s3:getobject')).toBeUndefined();
    expect(m.get('s3:GetObject\u0000')).toBeUndefined();
  });
  it('starts over past its bound (costs time, never a result)', () => {
    const m = new TextMemo<number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    expect(m.get('a')).toBeUndefined();
    expect(m.get('c')).toBe(3);
  });
});

describe('strings', () => {
  it('drops non-strings and keeps order', () => {
    const list = [{ value: 'a', path: '/0' }, { value: 1, path: '/1' }, { value: 'b', path: '/2' }];
    expect(strings(list).map((v) => v.path)).toEqual(['/0', '/2']);
    expect(strings(undefined)).toEqual([]);
  });
});
