/**
 * Several Terraform plans under shared folders, scanned in one run: each plan finds its root module's `.tf` files
 * (the first folder above it whose blocks match the plan's resources) exactly as when scanned alone, although a run
 * lists each folder once (sources/affected.ts repoAccess), and records the same reads and listings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractTexts } from '../../../src/gate.js';
import { defaultOptions } from '../../../src/config/options.js';
import { readRepoFile } from '../../../src/text/read.js';
import { repoAccess } from '../../../src/sources/affected.js';
import { byResource, extractFixture, FIXTURES } from './helpers.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const PLAN = readFileSync(path.join(FIXTURES, 'modules/plan.json'), 'utf8');

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir!, rel)), { recursive: true });
  writeFileSync(path.join(dir!, rel), text);
}

/** What a user sees of a plan's records: where each points, its notes and findings, and what it read. */
function seen(x: Awaited<ReturnType<typeof extractTexts>>[number]) {
  const r = x.result!;
  return {
    policies: r.policies.map((p) => ({ resource: p.resource, path: p.propertyPath, file: p.file, line: p.line, spans: p.sourceMap.pointers().map((q) => [q, p.sourceMap.get(q)]), notes: p.notes, inputs: p.inputs })),
    entities: r.entities.map((e) => JSON.stringify(e)),
    findings: r.findings.map((f) => JSON.stringify(f)),
    errors: r.errors,
    reads: [...x.inputs.reads].sort(),
    lists: [...x.inputs.lists].sort(),
  };
}

describe('plans sharing folders', () => {
  it('each plan gets the root module and module block positions it gets when scanned alone', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-plans-'));
    cpSync(path.join(FIXTURES, 'modules'), path.join(dir, 'infra'), { recursive: true, filter: (s) => !s.endsWith('plan.json') });
    cpSync(path.join(FIXTURES, 'broken-module'), path.join(dir, 'broken'), { recursive: true, filter: (s) => !s.endsWith('plan.json') });
    // a folder on the way up with .tf files that do not hold the plan's resources: the walk goes on above it
    put('infra/env/decoy.tf', 'resource "aws_s3_bucket" "other" {\n  bucket = "x"\n}\n');
    const plans = ['infra/plans/a/plan.json', 'infra/plans/b/plan.json', 'infra/env/prod/plan.json', 'infra/env/plan.json', 'other/deep/plan.json', 'broken/x/plan.json', 'broken/y/plan.json'];
    for (const p of plans) put(p, PLAN);
    const options = defaultOptions(dir);
    const text = (rel: string) => ({ rel, text: readRepoFile(dir!, rel, options.maxFileBytes), explicit: true });

    // one run: every plan through the same repository access, twice over (the second time from its memo)
    const together = await extractTexts([...plans, ...plans].map(text), options, repoAccess(options));
    for (const [i, rel] of plans.entries()) {
      const [alone] = await extractTexts([text(rel)], options, repoAccess(options));
      expect(seen(together[i]!), rel).toEqual(seen(alone!));
      expect(seen(together[i + plans.length]!), rel).toEqual(seen(alone!));
    }

    const at = (rel: string, resource: string) => together[plans.indexOf(rel)]!.result!.policies.find((p) => p.resource === resource)!;
    // the lines the fixture's own plan, next to its main.tf, gets
    const line = byResource((await extractFixture('modules', 'plan.json')).policies, 'aws_s3_bucket_policy.logs').line;
    expect(line).toBeGreaterThan(1);
    for (const rel of ['infra/plans/a/plan.json', 'infra/plans/b/plan.json', 'infra/env/prod/plan.json', 'infra/env/plan.json']) {
      expect(at(rel, 'aws_s3_bucket_policy.logs'), rel).toMatchObject({ file: expect.stringMatching(/(^|\/)infra\/main\.tf$/), line });
      expect(at(rel, 'module.roles.aws_iam_role_policy.this["app"]').file, rel).toMatch(/(^|\/)infra\/modules\/roles\/main\.tf$/);
    }
    // no .tf files above it: the plan's own lines
    expect(at('other/deep/plan.json', 'aws_s3_bucket_policy.logs').file).toMatch(/(^|\/)other\/deep\/plan\.json$/);
    // the module's .tf file does not parse: plan lines with a note, the root module's records keep their .tf lines
    for (const rel of ['broken/x/plan.json', 'broken/y/plan.json']) {
      const app = at(rel, 'module.roles.aws_iam_role_policy.this["app"]');
      expect(app.file).toMatch(new RegExp(`(^|/)${rel.replace(/[./]/g, '\\$&')}$`));
      expect(app.notes?.join('\n')).toMatch(/broken\/modules\/roles\/main\.tf could not be parsed as HCL/);
      expect(at(rel, 'aws_s3_bucket_policy.logs').file).toMatch(/(^|\/)broken\/main\.tf$/);
    }
    // every plan lists each folder above it up to its root module's (the root when none), and its modules' folders
    expect([...together[plans.indexOf('infra/plans/a/plan.json')]!.inputs.lists].sort()).toEqual(['infra', 'infra/modules/roles', 'infra/plans', 'infra/plans/a']);
    expect([...together[plans.indexOf('other/deep/plan.json')]!.inputs.lists].sort()).toEqual(['', 'other', 'other/deep']);
  });
});
