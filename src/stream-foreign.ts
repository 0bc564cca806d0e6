/**
 * Other tools' suppressions (cfn_nag, checkov, cfn-lint metadata) a file-by-file scan (stream.ts) notes by resource
 * for the suppressions stage, which appends a note to the messages of the resource's findings (findings/
 * suppressions.ts foreignNotes). One holder per resource: the first in the stage's order (the policies before the
 * entities, each by position; a later holder at the same position after the earlier one). What is kept: the
 * resource's key (file NUL resource) numbered by keyed digest (findings/spots.ts SpotIndex), per number the holder's
 * position and kind in typed columns, and the note's text as a row on disk past a number of rows (stream-rows.ts).
 * As a map of keys to holders (a 100,000-file scan notes ~26,000 resources) they were 2.3 MB of heap to the end of
 * the run, and the stage's map of notes 1.5 MB more where the run's peak is.
 */
import type { AnalysisError } from './result.js';
import type { ForeignHolder } from './findings/suppressions.js';
import { foreignKey, foreignNoteText } from './findings/suppressions.js';
import { SpotIndex } from './findings/spots.js';
import { SpilledRows } from './stream-rows.js';
import type { RowsKind } from './stream-rows.js';
import { doubled } from './util/arrays.js';

export class ForeignNotes {
  private readonly ids = new SpotIndex();
  private count = 0;
  /** Per resource number: the holder's position, whether it is an entity, and its note's row. */
  private at = new Int32Array(256);
  private entity = new Uint8Array(256);
  private row = new Int32Array(256);
  private readonly notes: SpilledRows<string>;

  /** `after`: how many notes stay in memory before the rest go to disk. */
  constructor(after = Infinity) {
    this.notes = new SpilledRows(after, NOTE_ROWS);
  }

  /** The holder at position `i` (its other-tools suppressions non-empty), noted unless its resource has an earlier one. */
  note(i: number, h: ForeignHolder, entity: boolean): void {
    const n = this.ids.id(foreignKey(h.file, h.resource));
    if (n === this.count) {
      if (n === this.at.length) {
        this.at = doubled(this.at);
        this.entity = doubled(this.entity);
        this.row = doubled(this.row);
      }
      this.count++;
    } else if (!((this.entity[n] === 1 && !entity) || (this.entity[n] === (entity ? 1 : 0) && i < this.at[n]!))) return;
    this.at[n] = i;
    this.entity[n] = entity ? 1 : 0;
    this.row[n] = this.notes.length;
    this.notes.put(foreignNoteText(h.foreignSuppressions ?? []));
  }

  /** The note of the resource `key` (findings/suppressions.ts foreignKey), or undefined; throws when it cannot be read back. */
  get(key: string): string | undefined {
    if (!this.count) return undefined;
    const n = this.ids.find(key);
    return n < 0 ? undefined : this.notes.get(this.row[n]!);
  }

  /** Every note written; the write failure, if any (an error of the run: the verdict is incomplete). */
  settle(): AnalysisError | undefined {
    return this.notes.settle();
  }

  /** Removes the notes' temporary file (after the last look-up). */
  dispose(): void {
    this.notes.dispose();
  }
}

const NOTE_ROWS: RowsKind<string> = {
  prefix: 'iam-gate-notes-',
  name: 'notes',
  file: '(suppression notes spill)',
  what: "the notes of other tools' suppressions",
  short: "the notes of other tools' suppressions",
  check(row) {
    if (typeof row !== 'string') throw new Error("the temporary file of the notes of other tools' suppressions holds something else than was written");
    return row;
  },
};
