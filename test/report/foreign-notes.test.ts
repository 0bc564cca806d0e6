/**
 * The notes of other tools' suppressions a file-by-file scan keeps by resource (src/stream-foreign.ts): the note of
 * the holder the suppressions stage would take first (the policies before the entities, each by position; at one
 * position the earlier kept), in memory or read back from disk, and a look-up that fails loudly once the notes'
 * file is gone.
 */
import { describe, expect, it } from 'vitest';
import { ForeignNotes } from '../../src/stream-foreign.js';
import { foreignKey, foreignNoteText } from '../../src/findings/suppressions.js';
import type { ForeignSuppression } from '../../src/policy/types.js';

type Step = [at: number, file: string, resource: string, entity: boolean, ids: string[]];

const list = (ids: string[]): ForeignSuppression[] => ids.map((id, k) => ({ tool: k % 2 ? 'checkov' : 'cfn_nag', id, file: 'x', line: k + 1 }));

/** What the stage reads when every holder is kept whole: the first in its order (policies, then entities; by position, then as kept). */
function reference(steps: Step[]): Map<string, string> {
  const order = steps.map((s, k) => ({ s, k })).sort((a, b) => Number(a.s[3]) - Number(b.s[3]) || a.s[0] - b.s[0] || a.k - b.k);
  const notes = new Map<string, string>();
  for (const { s } of order) if (!notes.has(foreignKey(s[1], s[2]))) notes.set(foreignKey(s[1], s[2]), foreignNoteText(list(s[4])));
  return notes;
}

function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("the notes of other tools' suppressions kept by resource", () => {
  it('give the note of the holder the stage takes first, in memory or from disk', () => {
    const r = random(7);
    for (let round = 0; round < 40; round++) {
      const steps: Step[] = Array.from({ length: 1 + Math.floor(r() * 60) }, (_, k) => [
        Math.floor(r() * 10),
        `f${Math.floor(r() * 4)}.yaml`,
        `R${Math.floor(r() * 5)}`,
        r() < 0.4,
        Array.from({ length: 1 + Math.floor(r() * 7) }, (_, j) => `ID${k}-${j}`),
      ]);
      const want = reference(steps);
      for (const after of [Infinity, 0, 3]) {
        const notes = new ForeignNotes(after);
        for (const [at, file, resource, entity, ids] of steps) notes.note(at, { file, resource, foreignSuppressions: list(ids) }, entity);
        expect(notes.settle()).toBeUndefined();
        for (let f = 0; f < 4; f++)
          for (let k = 0; k < 6; k++) expect(notes.get(foreignKey(`f${f}.yaml`, `R${k}`)), `round ${round}, after ${after}`).toBe(want.get(foreignKey(`f${f}.yaml`, `R${k}`)));
        notes.dispose();
      }
    }
  });

  it('a note past the first five suppressions says how many more; thousands of resources, each its own note', () => {
    const notes = new ForeignNotes(100);
    for (let k = 0; k < 3000; k++) notes.note(k, { file: `d${k % 7}/t${k}.yaml`, resource: `Res${k}`, foreignSuppressions: list(Array.from({ length: 1 + (k % 9) }, (_, j) => `F${k}.${j}`)) }, k % 3 === 0);
    expect(notes.settle()).toBeUndefined();
    for (let k = 2999; k >= 0; k -= 7) {
      const note = notes.get(foreignKey(`d${k % 7}/t${k}.yaml`, `Res${k}`))!;
      expect(note).toContain(`cfn_nag suppression F${k}.0 (line 1)`);
      expect(note.includes(' more: not applied')).toBe(1 + (k % 9) > 5);
    }
    expect(notes.get(foreignKey('d0/t1.yaml', 'Res1'))).toBeUndefined();
    notes.dispose();
  });

  it('notes whose file is gone: the look-up throws (never another note or none)', () => {
    const notes = new ForeignNotes(0);
    notes.note(0, { file: 'a.yaml', resource: 'A', foreignSuppressions: list(['F1']) }, false);
    expect(notes.settle()).toBeUndefined();
    expect(notes.get(foreignKey('a.yaml', 'A'))).toContain('F1');
    notes.dispose();
    expect(() => notes.get(foreignKey('a.yaml', 'A'))).toThrow(/temporary file of the notes of other tools' suppressions is gone/);
  });
});
