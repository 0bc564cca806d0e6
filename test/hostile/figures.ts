/** Figures of the hostile suite, collected across its test files and printed by `npm run test:hostile`. */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const FIGURES_FILE = path.resolve(import.meta.dirname, '..', '..', 'build', 'hostile-figures.jsonl');

export interface Figure {
  suite: string;
  inputs: number;
  crashes: number;
  hangs: number;
  missingErrors: number;
  faultCases?: number;
  faultCasesPassed?: number;
}

export function recordFigure(f: Figure): void {
  mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, JSON.stringify(f) + '\n');
}
