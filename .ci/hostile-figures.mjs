// Prints the hostile suite's figures (written by test/hostile/*.test.ts into build/hostile-figures.jsonl).
import { existsSync, readFileSync } from 'node:fs';

const file = new URL('../build/hostile-figures.jsonl', import.meta.url);
if (!existsSync(file)) {
  console.log('hostile: no figures recorded');
  process.exit(1);
}
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const sum = (k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
for (const r of rows) console.log(`  ${r.suite}: ${r.inputs} inputs, ${r.crashes} crashes, ${r.hangs} hangs, ${r.missingErrors} missing errors${r.faultCases ? `, fault cases ${r.faultCasesPassed}/${r.faultCases} passed` : ''}`);
console.log(`hostile: inputs tried ${sum('inputs')}, crashes ${sum('crashes')}, hangs ${sum('hangs')}, files with a missing error ${sum('missingErrors')}, fault cases passed ${sum('faultCasesPassed')}/${sum('faultCases')}`);
process.exit(sum('crashes') + sum('hangs') + sum('missingErrors') > 0 || sum('faultCasesPassed') < sum('faultCases') ? 1 : 0);
