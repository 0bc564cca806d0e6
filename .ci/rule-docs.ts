// npm run docs: writes docs/rules/<id>.md for every finding id (registered rules and the ids that are not rules),
// the index docs/rules/README.md and src/rules-meta/rule-index.ts (the ids config validation knows), removing
// stale pages.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registeredRuleMeta } from '../src/checks/registry.js';
import { OTHER_FINDINGS } from '../src/rules-meta/other-findings.js';
import { ruleDocs } from '../src/rules-meta/docs.js';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const docs = ruleDocs(registeredRuleMeta(), OTHER_FINDINGS);
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !docs.has(`docs/rules/${f}`)) rmSync(path.join(dir, f));
for (const [rel, text] of docs) writeFileSync(path.join(root, rel), text);
console.log(`wrote ${docs.size} files (docs/rules/, src/rules-meta/rule-index.ts)`);

// README's inputs/outputs table from action.yml
import { readFileSync } from 'node:fs';
import { withActionDocs } from '../src/action/docs.js';
const readmePath = path.join(root, 'README.md');
writeFileSync(readmePath, withActionDocs(readFileSync(readmePath, 'utf8'), readFileSync(path.join(root, 'action.yml'), 'utf8')));
console.log('wrote the inputs/outputs table in README.md');
