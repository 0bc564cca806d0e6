/**
 * npm run golden:update [-- NAME...]: rewrites test/golden/cases/<name>/expected.json from what the gate reports now
 * (all cases, or the named ones) and prints what changed, case by case. Review the change with
 * `git diff test/golden` before committing it: every line is a finding gained, lost or changed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CASES_DIR, caseNames, describeDiff, formatExpected, readExpected, runCase } from './golden.js';

const only = process.argv.slice(2);
const names = caseNames().filter((n) => !only.length || only.includes(n));
const unknown = only.filter((n) => !caseNames().includes(n));
if (unknown.length) {
  console.error(`golden:update: no such case: ${unknown.join(', ')}`);
  process.exit(2);
}
let changed = 0;
let failed = 0;
for (const name of names) {
  const file = path.join(CASES_DIR, name, 'expected.json');
  let text: string;
  let diff = '';
  try {
    const actual = await runCase(name);
    text = formatExpected(actual);
    const before = readExpected(name);
    diff = before ? describeDiff(name, before, actual) : `golden case ${name}: new (${actual.findings.length} findings, ${actual.errors.length} errors, ${actual.verdict})`;
  } catch (e) {
    // one broken case does not stop the others; its expected.json is left as it was
    failed++;
    console.error(`golden case ${name}: the gate threw: ${(e as Error).stack ?? e}`);
    continue;
  }
  if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
  writeFileSync(file, text);
  changed++;
  console.log(diff || `golden case ${name}: reformatted`);
}
console.log(`golden:update: ${names.length} cases, ${changed} rewritten${failed ? `, ${failed} failed (left unchanged)` : ''}`);
process.exit(failed ? 1 : 0);
