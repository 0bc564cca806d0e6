// Writes docs/iam-policy-gate.schema.json from the zod schema (src/config/schema.ts). Run: npm run schema.
// test/config/schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema } from '../src/config/schema.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'docs', 'iam-policy-gate.schema.json');
writeFileSync(out, JSON.stringify(configJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path.relative(root, out)}`);
