/**
 * The run's memos are shared by every file of a run: a hostile file must not be able to write an entry another file
 * reads. A pattern holding the characters a memo key used as separators (NUL) once shared its key with a NotAction
 * list of another file, whose write-access finding then used the hostile file's (empty) expansion.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';

const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

async function findingsOf(files: Record<string, string>, of: string): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'ipg-memo-keys-'));
  try {
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(root, rel), text);
    const r = await runGate(Object.keys(files), { ...defaultOptions(root), accessAnalyzer: 'off' });
    return r.findings.filter((f) => f.file === of).map((f) => `${f.ruleId} ${f.path} ${f.message}`).sort();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('memo keys shared across the files of a run', () => {
  it('a pattern spelling another key does not change a later file’s findings', async () => {
    // NotAction of a quarter of the catalogue: not full access (admin-wildcard would subsume the rest), write access
    const excluded = ['ec2:*', 'sagemaker:*', 'connect:*', 'quicksight:*', 'chime:*', 'glue:*', 'iot:*', 'bedrock:*'];
    const victim = doc({ Effect: 'Allow', NotAction: excluded, Resource: '*' });
    const alone = await findingsOf({ 'b.json': victim }, 'b.json');
    expect(alone.some((f) => f.startsWith('write-on-all-resources'))).toBe(true);
    const lower = excluded.join('\u0000');
    for (const hostile of [`\u0000not\u0000${lower}`, `N${JSON.stringify(excluded)}`, `sN${JSON.stringify(excluded)}`, `${lower}\u0000`]) {
      const withHostile = await findingsOf({ 'a.json': doc({ Effect: 'Allow', Action: [hostile], Resource: '*' }), 'b.json': victim }, 'b.json');
      expect(withHostile).toEqual(alone);
    }
  });
});
