/**
 * SCP benchmark: one identity policy (Action "*") simulated against a 5-level hierarchy of 5 SCPs each (real SCPs
 * from the shared corpus), and an SCP change impact over the whole catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogUniverse, count, expandPattern } from '../src/engine/actions.js';
import { compileStatements } from '../src/engine/grants.js';
import { evaluateHierarchy } from '../src/engine/org.js';
import { scpImpact } from '../src/checks/scp/impact.js';
import { getCatalog } from '../src/catalog/index.js';
import type { PolicyRecord } from '../src/policy/types.js';
import { MapSourceMap } from '../src/policy/source-map.js';

const corpus = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'shared', 'corpus', 'scp');
const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
const scps = files(corpus).filter((f) => !/resource_control|resource-control/.test(f)).map((f) => JSON.parse(readFileSync(f, 'utf8')));

let t0 = performance.now();
getCatalog();
const u = catalogUniverse();
console.log(`catalogue: ${u.actions.length} actions, loaded in ${(performance.now() - t0).toFixed(0)} ms`);

const full = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
function hierarchy(offset: number) {
  return Array.from({ length: 5 }, (_, level) => ({
    name: `level${level}`,
    statements: [full, ...Array.from({ length: 4 }, (_, k) => scps[(offset + level * 4 + k) % scps.length])].flatMap((d, i) => compileStatements(u, d, `p${level}.${i}`, `p${level}.${i}`)),
  }));
}
const identity = compileStatements(u, full, 'id', 'admin');
// warm-up (pattern cache), then measure fresh hierarchies
evaluateHierarchy(u, hierarchy(0));
const runs = 20;
t0 = performance.now();
let allowed = 0;
for (let r = 0; r < runs; r++) {
  const v = evaluateHierarchy(u, hierarchy(r));
  let n = 0;
  for (let i = 0; i < v.allowed.length; i++) n += v.allowed[i]! & identity[0]!.actions[i]!;
  allowed = n;
}
console.log(`simulate Action "*" under 5 levels x 5 SCPs (compile + evaluate): ${((performance.now() - t0) / runs).toFixed(1)} ms per policy (target <= 50 ms); ${allowed} of ${count(expandPattern(u, '*'))} actions remain allowed`);

const base = scps[0];
const head = { Version: '2012-10-17', Statement: [...(scps[0].Statement ?? []), { Effect: 'Deny', Action: ['ec2:*', 's3:Delete*', 'iam:*'], Resource: '*' }, { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 's3:*'], Resource: '*' }] };
const record = { id: 'scp.json', file: 'scp.json', line: 1, endLine: 1, format: 'raw', resource: 'scp.json', resourceType: 'policy-file', propertyPath: '', policyType: 'scp', document: head, base, sourceMap: new MapSourceMap({ file: 'scp.json', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }), placeholders: [], attachedTo: [] } as PolicyRecord;
t0 = performance.now();
const { impact } = scpImpact(u, record);
console.log(`SCP change impact over the whole catalogue: ${(performance.now() - t0).toFixed(0)} ms (target <= 2000 ms); newly denied ${impact.targets[0]!.newlyDeniedCount} actions in ${impact.targets[0]!.newlyDenied.length} services`);
