import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { tmpRepo } from '../helpers/tmp-repo.js';
import { readReports } from '../../src/shard/merge-files.js';
import { mergeReports } from '../../src/shard/merge.js';
import type { LoadedReport } from '../../src/shard/merge.js';

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, isTTY: false, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
/** 20 statements each with an action that does not exist: 20 invalid-action findings per file. */
const misspelt = (i: number) => doc(Array.from({ length: 20 }, (_, s) => ({ Sid: `S${s}`, Effect: 'Allow', Action: `s3:GetObjectt${i}x${s}`, Resource: 'arn:aws:s3:::b/*' })));

/**
 * A generated repository: CloudFormation templates (one a nested-stack family), Terraform modules (a shared child
 * module called from two roots, a file() target), raw policies (`bulk` with 20 findings of one rule each: past the
 * run-wide repeat limit of 1,000, which only the merge can apply), an SCP, a broken file, and a config whose ignore
 * entries are used in one shard only (one scoped to a file, one to a resource in every shard's scope), one expired
 * and one unused.
 */
function generatedTree(bulk = 60): Record<string, string> {
  const t: Record<string, string> = {};
  // (reports are written beside the repository, never into it: a later shard would scan them)
  for (let i = 0; i < bulk; i++) t[`policies/bulk/p${String(i).padStart(3, '0')}.json`] = misspelt(i);
  t['policies/many.json'] = doc(Array.from({ length: 30 }, (_, s) => ({ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: `arn:aws:s3:::b${s}/*` })));
  t['policies/admin.json'] = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  t['policies/ignored-admin.json'] = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  t['policies/broken.json'] = '{"Version": "2012-10-17", "Statement": [ {';
  t['vendor/node_modules/x/policy.json'] = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]); // a folder the walk skips
  t['notes/readme.yaml'] = 'just: yaml\n'; // skipped quietly: not a policy or template
  t['scps/deny-leave.json'] = doc([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]);
  for (let i = 0; i < 8; i++) {
    t[`cfn/app${i}.yaml`] = `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: '2012-10-17'\n            Statement:\n              - Effect: Allow\n                Action: ${i % 2 ? "'s3:*'" : "'*'"}\n                Resource: '*'\n`;
  }
  t['cfn/nested/parent.yaml'] = `Parameters:\n  Who:\n    Type: String\n    Default: '*'\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n      Parameters:\n        Principal: '*'\n`;
  t['cfn/nested/child.yaml'] = `Parameters:\n  Principal:\n    Type: String\n    Default: arn:aws:iam::111122223333:root\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Ref Principal }\n            Action: sts:AssumeRole\n`;
  for (const env of ['prod', 'dev']) t[`tf/live/${env}/main.tf`] = `module "deploy" {\n  source  = "../../modules/deploy"\n  actions = ["${env === 'prod' ? 'iam:*' : 's3:GetObject'}"]\n}\n`;
  t['tf/modules/deploy/main.tf'] = `variable "actions" {\n  type = list(string)\n}\nresource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]\n  })\n}\n`;
  t['tf/files/main.tf'] = `resource "aws_iam_policy" "f" {\n  name   = "f"\n  policy = file("\${path.module}/policy.json")\n}\n`;
  t['tf/files/policy.json'] = doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]);
  t['.github/iam-policy-gate.yml'] = [
    'ignore:',
    '  - rule: admin-wildcard',
    '    files: ["policies/ignored-admin.json"]',
    '    reason: "break-glass (SEC-1)"',
    '  - rule: admin-wildcard',
    '    resource: app3.yaml',
    '    reason: "not used: no such resource (SEC-4)"',
    '  - rule: admin-wildcard',
    '    resource: Role',
    '    files: ["cfn/app2.yaml"]',
    '    reason: "scoped (SEC-5)"',
    '  - rule: admin-wildcard',
    '    resource: admin.json',
    '    reason: "used in one shard, in scope in all (SEC-6)"',
    '  - rule: allow-not-action',
    '    reason: "accepted (SEC-2)"',
    '    expires: 2020-01-01',
    '  - rule: admin-wildcard',
    '    files: ["policies/never-there.json", "policies/admin.json"]',
    '    resource: NoSuchResource',
    '    reason: "stale (SEC-3)"',
    '',
  ].join('\n');
  return t;
}

const N = 4;
const inRepo = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [`repo/${k}`, v]));

async function shardReports(dir: string, count = N, extra: string[] = []): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const file = `shard-${i}.json`;
    const r = await cli(path.join(dir, 'repo'), 'scan', '.', '--access-analyzer', 'off', '--format', 'json', '--output', `../${file}`, '--shard', `${i}/${count}`, ...extra);
    expect(r.code, r.stderr).not.toBe(2);
    out.push(file);
  }
  return out;
}

const read = (dir: string, f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, any>;
const sortedErrors = (r: Record<string, any>) => (r.errors as unknown[]).map((e) => JSON.stringify(e)).sort();

describe('merge of shard reports', () => {
  it('equals the unsharded report (findings, errors, verdict), and writes one SARIF and one Markdown summary', async () => {
    // 2 shards of 120 files with 20 findings of one rule: each shard alone is past the run-wide limit of 1,000
    const dir = tmpRepo(inRepo(generatedTree(120)));
    const whole = await cli(path.join(dir, 'repo'), 'scan', '.', '--access-analyzer', 'off', '--format', 'json', '--output', '../whole.json');
    const files = await shardReports(dir, 2);
    const shards = files.map((f) => read(dir, f));
    // every shard analysed a part, together every file once
    expect(shards.map((s) => s.shard.index)).toEqual([1, 2]);
    expect(shards.every((s) => s.findings.filter((f: any) => f.ruleId === 'INVALID_ACTION' && !f.details?.repeated).length > 1000)).toBe(true);
    expect(new Set(shards.map((s) => s.shard.unitSetHash)).size).toBe(1);
    expect(shards.reduce((n, s) => n + s.summary.filesScanned, 0)).toBe(read(dir, 'whole.json').summary.filesScanned);
    expect(shards.every((s) => s.summary.filesScanned > 0)).toBe(true);

    const merged = await cli(dir, 'merge', ...files.reverse(), '--json', 'merged.json', '--sarif', 'merged.sarif', '--markdown', 'merged.md');
    const w = read(dir, 'whole.json');
    const m = read(dir, 'merged.json');
    expect(merged.code).toBe(whole.code);
    expect(m.verdict).toBe(w.verdict);
    const { durationMs: _a, notes: _b, incomplete: wi, ...wSummary } = w.summary;
    const { durationMs: _c, notes: _d, incomplete: mi, ...mSummary } = m.summary;
    expect(mSummary).toEqual(wSummary);
    expect(w.summary.skipped).toEqual({ 'not-a-policy-or-template': 2, 'vendor-or-build-folders': 1 });
    expect(m.findings).toEqual(w.findings);
    expect(sortedErrors(m)).toEqual(sortedErrors(w));
    expect(mi.length).toBe(wi.length);
    expect(m.policies.map((p: { id: string }) => p.id).sort()).toEqual(w.policies.map((p: { id: string }) => p.id).sort());
    // the case is what it claims: the run-wide repeat limit, a used, an unused and an expired ignore entry
    expect(w.findings.some((f: any) => f.details?.repeated && f.message.includes('more than 1,000 findings'))).toBe(true);
    expect(w.findings.some((f: any) => f.suppressed && f.file === 'policies/ignored-admin.json')).toBe(true);
    expect(w.findings.filter((f: any) => f.ruleId === 'suppression-unused')).toHaveLength(2);
    expect(w.findings.some((f: any) => f.suppressed && f.file === 'policies/admin.json')).toBe(true);
    // and the shards disagree on it: one used the entry, the other found it unused
    expect(shards.filter((s) => s.findings.some((f: any) => f.ruleId === 'suppression-unused' && f.message.includes('resource admin.json')))).toHaveLength(1);
    expect(w.findings.filter((f: any) => f.ruleId === 'suppression-expired').map((f: any) => f.details.matched)).toEqual([30]);
    await cli(path.join(dir, 'repo'), 'scan', '.', '--access-analyzer', 'off', '--format', 'sarif', '--output', '../whole.sarif');
    expect(read(dir, 'merged.sarif').runs[0].results).toEqual(read(dir, 'whole.sarif').runs[0].results);
    expect(readFileSync(path.join(dir, 'merged.md'), 'utf8')).toContain(w.summary.reason.slice(0, 30));
  }, 120_000);

  it('is incomplete when a shard is missing, given twice, from another tree or config, or incomplete itself', async () => {
    const tree = generatedTree();
    delete tree['policies/broken.json'];
    const dir = tmpRepo(inRepo(tree));
    const repo = path.join(dir, 'repo');
    const files = await shardReports(dir);
    const complete = await cli(dir, 'merge', ...files, '--json', 'ok.json');
    expect(read(dir, 'ok.json').verdict).toBe('fail'); // complete: the findings decide
    expect(complete.code).toBe(1);

    const check = async (name: string, reports: string[], why: RegExp) => {
      const r = await cli(dir, 'merge', ...reports, '--json', `${name}.json`);
      const m = read(dir, `${name}.json`);
      expect(r.code, name).toBe(3);
      expect(m.verdict, name).toBe('incomplete');
      expect(m.errors.map((e: { message: string }) => e.message).join('\n'), name).toMatch(why);
    };
    await check('missing', files.slice(0, 3), /shard report missing: 4\/4/);
    await check('twice', [...files, files[1]!], /shard 2\/4 is given twice/);

    // another commit: one file changed after shards 1-3 ran
    writeFileSync(path.join(repo, 'policies/admin.json'), tree['policies/admin.json']!.replace('"*"', '"s3:*"'));
    await cli(repo, 'scan', '.', '--access-analyzer', 'off', '--format', 'json', '--output', '../late-4.json', '--shard', '4/4');
    await check('other-tree', [...files.slice(0, 3), 'late-4.json'], /different partitions/);
    writeFileSync(path.join(repo, 'policies/admin.json'), tree['policies/admin.json']!);

    // another configuration: the same tree, shard 2 run with another fail-on
    await cli(repo, 'scan', '.', '--access-analyzer', 'off', '--format', 'json', '--output', '../other-2.json', '--shard', '2/4', '--fail-on', 'error');
    await check('other-config', [files[0]!, 'other-2.json', files[2]!, files[3]!], /ran with another configuration/);

    // a shard that could not analyse everything: its errors make the merge incomplete
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...read(dir, files[2]!), verdict: 'incomplete', errors: [{ file: 'x.json', message: 'could not be read', kind: 'input' }] }));
    await check('incomplete-shard', [files[0]!, files[1]!, 'bad.json', files[3]!], /could not be read/);

    // hand-edited shard reports: the counts no longer add up (same partition hash, every shard once)
    const edited = (name: string, edit: (r: { shard: Record<string, number>; summary: Record<string, unknown> }) => void) => {
      const r = read(dir, files[1]!) as { shard: Record<string, number>; summary: Record<string, unknown> };
      edit(r);
      writeFileSync(path.join(dir, name), JSON.stringify(r));
      return [files[0]!, name, files[2]!, files[3]!];
    };
    const s2 = read(dir, files[1]!).shard;
    // a shard claiming fewer files, with a report that agrees: the file it dropped was analysed by no shard
    await check('fewer-files', edited('fewer.json', (r) => ((r.shard.files = s2.files - 1), (r.summary.filesScanned = s2.files - 1))), new RegExp(`the 4 shards analysed ${s2.filesTotal - 1} files in all, but the scan has ${s2.filesTotal}: some were analysed by no shard`));
    await check('other-total', edited('total.json', (r) => (r.shard.filesTotal = s2.filesTotal + 1)), /shard 2\/4 counted \d+ files in the scan/);
    await check('fewer-units', edited('units.json', (r) => (r.shard.units = s2.units + 1)), /analysed \d+ units in all, but the scan has \d+: some were counted twice/);
    await check('dropped', edited('dropped.json', (r) => (r.summary.filesScanned = s2.files - 1)), new RegExp(`shard 2/4 analysed ${s2.files - 1} files of the ${s2.files} it was given`));
  }, 120_000);

  it('refuses a report that is not one (usage error, nothing written)', async () => {
    // report-shaped, but with a finding or a record that is not one, or a finding that is not JSON (findings are read
    // one at a time: each is checked as it is read)
    const shaped = (findings: string, policies = '[]') => `{"schemaVersion": "1.3", "verdict": "pass", "summary": {"failOn": "error"}, "findings": ${findings}, "errors": [], "policies": ${policies}}`;
    // a number JSON cannot hold (1e400 parses to Infinity; the merge's findings go to disk as JSON and back)
    const finding = (column: string, more = '') => `{"ruleId": "r", "source": "rules", "title": "t", "message": "m", "file": "a.json", "fingerprint": "f", "severity": "error", "line": 1, "endLine": 1, "column": ${column}, "suppressed": false${more}}`;
    // a fix that is not a text (the Markdown writer read it as one and crashed); details nested 5,000 levels deep
    // (the merge's canonical texts overflowed the stack)
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const dir = tmpRepo({ 'a.json': '{"not": "a report"}', 'b.json': 'not json', 'c.json': shaped('[1]'), 'd.json': shaped('[]', '[null]'), 'e.json': shaped('[{"ruleId": "x",}]'), 'f.json': shaped(`[${finding('1')}, ${finding('1e400')}]`), 'g.json': shaped(`[${finding('1', ', "fix": 5')}]`), 'h.json': shaped(`[${finding('1')}, ${finding('1', `, "details": ${deep}`)}]`) });
    for (const [f, why] of [['a.json', 'not an IAM Policy Gate JSON report'], ['b.json', 'not JSON'], ['missing.json', 'ENOENT'], ['c.json', 'findings[0] is malformed'], ['d.json', 'policies[0] is malformed'], ['e.json', 'not JSON (findings[0]: '], ['f.json', 'findings[1] is malformed'], ['g.json', 'findings[0] is malformed'], ['h.json', 'findings[1] is malformed']] as const) {
      const r = await cli(dir, 'merge', f, '--json', 'out.json');
      expect(r.code, f).toBe(2);
      expect(r.stderr).toContain(`${f}: ${why}`);
      expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
    }
  });

  it('a file path that is not well-formed Unicode (a lone surrogate) is written to every format', async () => {
    // a path the walk may meet (sources/walk-list.ts); the SARIF writer's URI encoding threw on it
    const report = `{"schemaVersion": "1.3", "verdict": "fail", "summary": {"failOn": "error"}, "errors": [], "policies": [], "findings": [{"ruleId": "r", "source": "rules", "title": "t", "message": "m", "file": "d/a\\ud800.json", "fingerprint": "f", "severity": "error", "line": 1, "endLine": 1, "suppressed": false}]}`;
    const dir = tmpRepo({ 'r.json': report });
    const r = await cli(dir, 'merge', 'r.json', '--json', 'out.json', '--sarif', 'out.sarif', '--markdown', 'out.md');
    expect(r.code, r.stderr).toBe(1);
    const sarif = read(dir, 'out.sarif') as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('d/a%EF%BF%BD.json');
    expect(read(dir, 'out.json').findings[0].file).toBe('d/a\ud800.json');
  });
});

describe('merge of unsharded reports (an organisation sweep)', () => {
  it('merges one report per repository, and is incomplete when fewer than --expect came', async () => {
    const dir = tmpRepo({
      'repos/a/p.json': doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      'repos/b/p.json': doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]),
    });
    for (const r of ['a', 'b']) await cli(dir, 'scan', `repos/${r}`, '--access-analyzer', 'off', '--format', 'json', '--output', `${r}.json`);
    const both = await cli(dir, 'merge', 'a.json', 'b.json', '--expect', '2', '--json', 'sweep.json');
    expect(both.code).toBe(1);
    expect(read(dir, 'sweep.json').findings.map((f: { file: string }) => f.file)).toContain('repos/a/p.json');
    expect(read(dir, 'sweep.json').summary.filesScanned).toBe(2);
    const short = await cli(dir, 'merge', 'b.json', '--expect', '2', '--json', 'short.json');
    expect(short.code).toBe(3);
    expect(read(dir, 'short.json').errors[0].message).toMatch(/1 reports given, 2 expected/);
  });
});

describe('merge reads one report at a time', () => {
  it('reads each report once per pass, its findings one at a time, and refuses one whose bytes change between passes', async () => {
    const dir = tmpRepo(inRepo(generatedTree(4)));
    const files = await shardReports(dir, 2);
    // the reports parsed whole, in memory: what the loaders (findings parsed one at a time) must give
    const whole = mergeReports(files.map((f) => ({ name: f, json: read(dir, f) })));
    let reads = 0;
    const counted = readReports(files, dir).map((r) => ({ name: r.name, load: () => (reads++, (r as { load: () => LoadedReport }).load()) }));
    const loaded = mergeReports(counted);
    expect(JSON.stringify(loaded.json)).toBe(JSON.stringify(whole.json));
    expect([...loaded.result.findingStream!]).toEqual(whole.result.findings);
    expect(loaded.result.findings.length).toBeGreaterThan(50);
    expect(reads).toBe(2 * files.length);
    // a shard's report rewritten after its first read (an edited finding): refused, not merged from two versions
    const target = path.join(dir, files[1]!);
    const edited = readReports(files, dir).map((r, i) => ({
      name: r.name,
      load: () => {
        const report = (r as { load: () => LoadedReport }).load();
        if (i === 1) writeFileSync(target, readFileSync(target, 'utf8').replace('"severity": "error"', '"severity": "warning"'));
        return report;
      },
    }));
    expect(() => mergeReports(edited)).toThrow(/changed while it was being merged/);
  }, 60_000);

  it("sums an expired entry's matched counts in shard order, whatever order the reports come in", async () => {
    const dir = tmpRepo(inRepo(generatedTree(4)));
    const files = await shardReports(dir, 2);
    const [one, two] = files.map((f) => read(dir, f));
    const expired = (r: Record<string, any>) => r.findings.findIndex((f: any) => f.ruleId === 'suppression-expired');
    // shard 1: the entry's finding twice, 1 each; shard 2: 2^53 (1 + 1 + 2^53 is exact in shard order only)
    one!.findings.splice(expired(one!), 1, { ...one!.findings[expired(one!)], details: { ...one!.findings[expired(one!)].details, matched: 1 } }, { ...one!.findings[expired(one!)], details: { ...one!.findings[expired(one!)].details, matched: 1 } });
    two!.findings[expired(two!)].details.matched = 2 ** 53;
    const merged = (order: Record<string, any>[]) => mergeReports(order.map((json, i) => ({ name: `r${i}`, json })));
    const a = merged([one!, two!]);
    const b = merged([two!, one!]);
    expect(a.result.findings.filter((f) => f.ruleId === 'suppression-expired').map((f) => f.details?.matched)).toEqual([2 ** 53 + 2, 2 ** 53 + 2]);
    expect(b.result.findings).toEqual(a.result.findings);
  }, 60_000);

  it('counts a summary for the findings it stands for without a loop per finding (a count is data)', async () => {
    const dir = tmpRepo(inRepo(generatedTree(4)));
    const files = await shardReports(dir, 2);
    const [one, two] = files.map((f) => read(dir, f));
    const i = one!.findings.findIndex((f: any) => !f.suppressed && f.severity === 'warning' && !f.details?.repeated);
    const warnings = (count: number) => {
      const copy = structuredClone(one!);
      copy.findings[i] = { ...copy.findings[i], details: { ...copy.findings[i].details, repeated: { count, firstLine: 1, lastLine: 1 } } };
      return mergeReports([copy, two!].map((json, k) => ({ name: `r${k}`, json }))).result.verdict.counts.warning;
    };
    expect(warnings(1e15) - warnings(2)).toBe(1e15 - 2);
  }, 60_000);

  it('with no room for its temporary files: every finding and record still reported, the verdict incomplete', async () => {
    const dir = tmpRepo(inRepo(generatedTree(4)));
    const files = await shardReports(dir, 2);
    const reports = () => files.map((f) => ({ name: f, json: read(dir, f) }));
    const roomy = mergeReports(reports(), { runSize: 3 });
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(dir, 'no-such-folder');
    let full: ReturnType<typeof mergeReports>;
    try {
      // runs of 3: both spills fail at their first write, and each keeps its runs (the last one too) in memory
      full = mergeReports(reports(), { runSize: 3 });
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect([...full.policies]).toEqual([...roomy.policies]);
    expect([...full.policies].length % 3).not.toBe(0);
    expect([...full.result.findingStream!]).toEqual([...roomy.result.findingStream!]);
    expect(full.result.verdict.status).toBe('incomplete');
    expect(full.result.errors.some((e) => e.file === '(findings spill)' && /could not be written to a temporary file/.test(e.message))).toBe(true);
  }, 60_000);

  it('merges a report given as a pipe (read once, kept for the second pass)', async () => {
    const dir = tmpRepo(inRepo(generatedTree(4)));
    const files = await shardReports(dir, 2);
    const fifo = path.join(dir, 'piped.json');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat "${path.join(dir, files[1]!)}" > "${fifo}"`]);
    const piped = mergeReports(readReports([files[0]!, 'piped.json'], dir));
    await new Promise((done) => writer.on('close', done));
    const plain = mergeReports(readReports(files, dir));
    expect(piped.result.verdict).toEqual(plain.result.verdict);
    expect([...piped.result.findingStream!]).toEqual([...plain.result.findingStream!]);
  }, 60_000);
});
