// npm run docs: writes docs/rules/<id>.md for every registered rule (and an index), removing stale pages.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rules as registered } from '../src/checks/rules/index.js';
import { scpRules } from '../src/checks/scp/index.js';

const rules = [...registered, ...scpRules];
import { ruleDocs } from '../src/checks/rule-docs.js';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const docs = ruleDocs(rules);
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !docs.has(`docs/rules/${f}`)) rmSync(path.join(dir, f));
for (const [rel, text] of docs) writeFileSync(path.join(root, rel), text);
console.log(`wrote ${docs.size} files to docs/rules/`);

// README's inputs/outputs table from action.yml
import { readFileSync } from 'node:fs';
import { withActionDocs } from '../src/github/action-docs.js';
const readmePath = path.join(root, 'README.md');
writeFileSync(readmePath, withActionDocs(readFileSync(readmePath, 'utf8'), readFileSync(path.join(root, 'action.yml'), 'utf8')));
console.log('wrote the inputs/outputs table in README.md');
