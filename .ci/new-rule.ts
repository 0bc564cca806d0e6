// npm run new-rule <id>: scaffolds a rule (src/checks/rules/<id>.ts), its test (test/rules/<id>.test.ts) and its
// docs page (docs/rules/<id>.md, via the same generator as `npm run docs`), and registers it in
// src/checks/rules/index.ts. Then: write the check, the valid/invalid cases, and run `npm run docs` again after
// editing the meta.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { knownRuleIds } from '../src/rules-meta/index.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const id = process.argv[2] ?? '';
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) {
  console.error('usage: npm run new-rule <id>   (kebab-case, at least two words, e.g. s3-public-read)');
  process.exit(2);
}
if (knownRuleIds().some((k) => k.toLowerCase() === id)) {
  console.error(`"${id}" is already a finding id (docs/rules/${id}.md)`);
  process.exit(2);
}
const name = id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const ruleFile = path.join(root, 'src/checks/rules', `${id}.ts`);
const testFile = path.join(root, 'test/rules', `${id}.test.ts`);
for (const f of [ruleFile, testFile]) if (existsSync(f)) {
  console.error(`${path.relative(root, f)} exists`);
  process.exit(2);
}

writeFileSync(ruleFile, `import type { Rule } from './types.js';

export const ${name}: Rule = {
  meta: {
    id: '${id}',
    title: 'TODO: what the finding says, in one line',
    severity: 'warning',
    category: 'least-privilege',
    description: 'TODO: why it matters (one paragraph a security engineer reads without a glossary).',
    fix: 'TODO: how to fix it, concretely.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'TODO:Action', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'TODO:Action', Resource: 'arn:aws:TODO' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      // TODO: decide; report at the JSON pointer of the element the finding is about
      void report;
    }
  },
};
`);

writeFileSync(testFile, `import { ${name} } from '../../src/checks/rules/${id}.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(${name}, {
  valid: [
    {
      name: 'TODO: a policy the rule must not flag',
      code: \`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*"
    }
  ]
}\`,
    },
  ],
  invalid: [
    // TODO: a policy the rule must flag, with the line of each finding, e.g.
    // { code: \`...\`, errors: [{ line: 6, message: /.../ }] },
  ],
});
`);

const indexFile = path.join(root, 'src/checks/rules/index.ts');
let index = readFileSync(indexFile, 'utf8');
const lastImport = index.lastIndexOf('\nimport ');
const endOfImport = index.indexOf('\n', lastImport + 1);
index = `${index.slice(0, endOfImport + 1)}import { ${name} } from './${id}.js';\n${index.slice(endOfImport + 1)}`;
index = index.replace(/\n\];\n/, `\n  ${name},\n];\n`);
writeFileSync(indexFile, index);

execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, '.ci/rule-docs.ts')], { stdio: 'inherit', cwd: root });
console.log(`created src/checks/rules/${id}.ts, test/rules/${id}.test.ts, docs/rules/${id}.md; registered in src/checks/rules/index.ts`);
