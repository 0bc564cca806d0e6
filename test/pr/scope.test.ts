/**
 * Pull-request scope: a PR is analysed for everything it affects, not only the files it touches. Each case is a
 * base and a head commit driven through the real PR path (analysePullRequest: changed files from git, base from
 * git, runGate) and asserts what the verdict of the required check is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitFixture, policy } from './git-fixture.js';
import { FakeGitHub, githubFaults } from '../fakes/github-server.js';
import { makeClient } from '../../src/github/client.js';
import { analysePullRequest } from '../../src/action/pull-request.js';
import { defaultOptions } from '../../src/config/options.js';
import type { Options } from '../../src/config/options.js';

let repo: GitFixture | undefined;
afterEach(() => repo?.remove());

async function pr(base: string, head: string, over: Partial<Options> = {}, paths = ['.']) {
  const options = { ...defaultOptions(repo!.dir), accessAnalyzer: 'off' as const, ...over };
  const { result, changes } = await analysePullRequest({
    gh: undefined,
    repo: { owner: 'acme', repo: 'infra' },
    pr: { number: 7, baseSha: base, headSha: head },
    workspace: repo!.dir,
    paths,
    options,
    log: () => {},
    warn: () => {},
  });
  const blocking = result.findings.filter((f) => f.new && !f.suppressed && (f.severity === 'error' || f.severity === 'security-warning'));
  return { result, changes, blocking, status: result.verdict.status };
}

const TF_MAIN = `resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
`;
const tfVariables = (actions: string[]) => `variable "actions" {
  type    = list(string)
  default = ${JSON.stringify(actions)}
}
`;

describe('a change reaches the policies built from it', () => {
  it('only variables.tf changed (a default becomes ["*"]): the policy in main.tf is analysed and blocks', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'infra/main.tf': TF_MAIN, 'infra/variables.tf': tfVariables(['s3:GetObject']), 'README.md': '# infra\n' }, 'base');
    const head = repo.commit({ 'infra/variables.tf': tfVariables(['*']) }, 'widen the default');
    const r = await pr(base, head);
    expect(r.result.affected).toEqual(['infra/main.tf', 'infra/variables.tf']);
    expect(r.status).toBe('fail');
    // the finding points at where the wildcard comes from: the variable's default
    expect(r.blocking.map((f) => [f.file, f.ruleId])).toContainEqual(['infra/variables.tf', 'admin-wildcard']);
    expect(r.result.policies.find((p) => p.resource === 'aws_iam_policy.app')!.inputs).toEqual(['infra/main.tf', 'infra/variables.tf']);
  });

  it('only a local module changed: its callers are analysed with their arguments and the call that passes "*" blocks', async () => {
    repo = new GitFixture();
    const child = (resource: string) => `variable "resources" {
  type    = list(string)
  default = ["arn:aws:s3:::reports/*"]
}

resource "aws_iam_policy" "this" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = ${resource} }] })
}
`;
    const caller = 'module "logs" {\n  source    = "../modules/policy"\n  resources = ["*"]\n}\n';
    const base = repo.commit({ 'live/main.tf': caller, 'modules/policy/main.tf': child('"arn:aws:s3:::reports/*"') }, 'base');
    const head = repo.commit({ 'modules/policy/main.tf': child('var.resources') }, 'use the variable');
    const r = await pr(base, head);
    expect(r.result.affected).toEqual(['live/main.tf', 'modules/policy/main.tf']);
    expect(r.status).toBe('fail');
    expect(r.blocking.length).toBeGreaterThan(0);
    expect(r.blocking.every((f) => f.file === 'modules/policy/main.tf' && f.resource === 'module.logs.aws_iam_policy.this')).toBe(true);
    expect(r.blocking[0]!.related?.[0]).toEqual({ file: 'live/main.tf', line: 1, message: 'called as module.logs' });
  });

  it('only a terraform.tfvars added: the module is analysed with it and blocks', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'infra/main.tf': TF_MAIN, 'infra/variables.tf': tfVariables(['s3:GetObject']) }, 'base');
    const head = repo.commit({ 'infra/terraform.tfvars': 'actions = ["iam:*", "*"]\n' }, 'add tfvars');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.result.affected).toEqual(['infra/main.tf', 'infra/variables.tf']);
    expect(r.blocking.map((f) => [f.file, f.ruleId])).toContainEqual(['infra/terraform.tfvars', 'admin-wildcard']);
  });

  it('only the JSON read by file() changed (a file no walk reads itself): the policy using it blocks', async () => {
    repo = new GitFixture();
    const main = `resource "aws_iam_role_policy" "ci" {\n  role   = "ci"\n  policy = file("\${path.module}/docs/ci-policy.txt")\n}\n`;
    const base = repo.commit({ 'infra/main.tf': main, 'infra/docs/ci-policy.txt': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit({ 'infra/docs/ci-policy.txt': policy([{ sid: 'Read', action: '*' }]) }, 'edit the document');
    const r = await pr(base, head);
    // the .txt is also found as a policy by its content (sources/sniff.ts); what matters is that main.tf is reached
    expect(r.result.affected).toEqual(['infra/docs/ci-policy.txt', 'infra/main.tf']);
    expect(r.status).toBe('fail');
    expect(r.blocking.map((f) => f.ruleId)).toContain('admin-wildcard');
  });

  it('only a templatefile() .tpl changed: blocks', async () => {
    repo = new GitFixture();
    const main = `resource "aws_iam_policy" "t" {\n  policy = templatefile("\${path.module}/policy.json.tpl", { bucket = "logs" })\n}\n`;
    const tpl = (action: string) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${action}","Resource":"arn:aws:s3:::\${bucket}/*"}]}\n`;
    const base = repo.commit({ 'infra/main.tf': main, 'infra/policy.json.tpl': tpl('s3:GetObject') }, 'base');
    const head = repo.commit({ 'infra/policy.json.tpl': tpl('*') }, 'edit the template');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.length).toBeGreaterThan(0);
  });

  it('only an Fn::Include snippet changed: the template including it is analysed and blocks', async () => {
    repo = new GitFixture();
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          Fn::Include: snippets/statements.txt
`;
    const snippet = (action: string) => `[{ "Effect": "Allow", "Action": "${action}", "Resource": "*" }]\n`;
    const base = repo.commit({ 'stacks/app.yaml': template, 'stacks/snippets/statements.txt': snippet('sqs:SendMessage') }, 'base');
    const head = repo.commit({ 'stacks/snippets/statements.txt': snippet('*') }, 'edit the snippet');
    const r = await pr(base, head);
    expect(r.result.affected).toEqual(['stacks/app.yaml']);
    expect(r.status).toBe('fail');
    expect(r.blocking.map((f) => f.ruleId)).toContain('admin-wildcard');
  });

  it('a git mv of an excluded example into scope is new content there, not a rename of something reviewed', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'examples/admin.json': policy([{ sid: 'All', action: '*' }]), 'infra/ok.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
    repo.git('mv', 'examples/admin.json', 'infra/admin.json');
    const head = repo.commit({}, 'move the example');
    const r = await pr(base, head, { exclude: ['examples/**'] });
    expect(r.status).toBe('fail');
    expect(r.blocking.map((f) => [f.file, f.ruleId])).toEqual([['infra/admin.json', 'admin-wildcard']]);
    // a rename inside the analysed tree keeps its findings existing
    repo.git('mv', 'infra/ok.json', 'infra/read.json');
    const head2 = repo.commit({}, 'rename inside scope');
    expect((await pr(head, head2, { exclude: ['examples/**'] })).blocking).toEqual([]);
  });
});

describe('CloudFormation inputs', () => {
  const child = (action: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Actions:
    Type: String
    Default: s3:GetObject
Resources:
  WorkerPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ${action}
            Resource: '*'
`;

  it('only a parameters file changed: the template it feeds is analysed and blocks', async () => {
    repo = new GitFixture();
    const params = (v: string) => JSON.stringify([{ ParameterKey: 'Actions', ParameterValue: v }]) + '\n';
    const base = repo.commit({ 'stacks/worker.yaml': child('!Ref Actions'), 'params/prod.params': params('sqs:SendMessage') }, 'base');
    const head = repo.commit({ 'params/prod.params': params('*') }, 'prod parameters');
    const r = await pr(base, head, { cfnParameters: [{ files: ['stacks/*.yaml'], values: {}, file: 'params/prod.params' }] });
    expect(r.result.affected).toEqual(['stacks/worker.yaml']);
    expect(r.status).toBe('fail');
    expect(r.blocking.map((f) => f.ruleId)).toContain('admin-wildcard');
  });

  it('only a nested child changed to use a parameter its parent sets to "*": the parent is analysed and blocks', async () => {
    repo = new GitFixture();
    const parent = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/worker.yaml
      Parameters:
        Actions: '*'
`;
    const base = repo.commit({ 'stacks/parent.yaml': parent, 'stacks/nested/worker.yaml': child('s3:GetObject') }, 'base');
    const head = repo.commit({ 'stacks/nested/worker.yaml': child('!Ref Actions') }, 'use the parameter');
    const r = await pr(base, head);
    expect(r.result.affected).toEqual(['stacks/nested/worker.yaml', 'stacks/parent.yaml']);
    expect(r.status).toBe('fail');
    expect(r.blocking.some((f) => f.ruleId === 'admin-wildcard' && /Worker/.test(f.message))).toBe(true);
  });
});

describe('benign controls', () => {
  it('a README change next to a flagged Terraform module analyses nothing and passes', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'infra/main.tf': TF_MAIN, 'infra/variables.tf': tfVariables(['*']), 'infra/README.md': '# infra\n' }, 'base');
    const head = repo.commit({ 'infra/README.md': '# infra\n\nMore words.\n' }, 'docs');
    const r = await pr(base, head);
    expect(r.result.affected).toEqual([]);
    expect(r.result.findings).toEqual([]);
    expect(r.status).toBe('pass');
    expect(r.changes!.analyse).toEqual([]);
  });

  it('an edit of the module that leaves an existing finding as it was keeps it existing', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'infra/main.tf': TF_MAIN, 'infra/variables.tf': tfVariables(['*']) }, 'base');
    const head = repo.commit({ 'infra/main.tf': '# the application policy\n\n' + TF_MAIN.replace('name = "app"', 'name   =   "app"') }, 'reformat');
    const r = await pr(base, head);
    expect(r.result.findings.some((f) => f.ruleId === 'admin-wildcard' && !f.new)).toBe(true);
    expect(r.blocking).toEqual([]);
    expect(r.status).toBe('pass');
  });
});

describe('a shallow checkout (no base commit): the base is the head with the change undone', () => {
  it('only variables.tf changed: its base version comes from the contents API, the unchanged main.tf from the checkout; blocks', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    repo = new GitFixture();
    const ws = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-shallow-'));
    try {
      const base = repo.commit({ 'infra/main.tf': TF_MAIN, 'infra/variables.tf': tfVariables(['s3:GetObject']) }, 'base');
      const head = repo.commit({ 'infra/variables.tf': tfVariables(['*']) }, 'widen the default');
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, ws]);
      gh.addPull({ number: 9, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      gh.contents.set(`${base}:infra/variables.tf`, tfVariables(['s3:GetObject']));
      const { result } = await analysePullRequest({
        gh: makeClient('read-token', { baseUrl: gh.url, retries: 0 }),
        repo: { owner: 'acme', repo: 'infra' },
        pr: { number: 9, baseSha: base, headSha: head },
        workspace: ws,
        paths: ['.'],
        options: { ...defaultOptions(ws), accessAnalyzer: 'off' },
        log: () => {},
        warn: () => {},
      });
      expect(gh.calls('GET', /\/contents\//).map((c) => c.path)).toEqual([expect.stringMatching(/infra(%2F|\/)variables\.tf$/)]);
      expect(result.verdict.status).toBe('fail');
      expect(result.findings.filter((f) => f.new).map((f) => f.ruleId)).toContain('admin-wildcard');
      // the same with an unchanged wildcard: existing, passes (the base was rebuilt faithfully)
      gh.contents.set(`${base}:infra/variables.tf`, tfVariables(['*']));
      gh.reset();
      const again = await analysePullRequest({
        gh: makeClient('read-token', { baseUrl: gh.url, retries: 0 }),
        repo: { owner: 'acme', repo: 'infra' },
        pr: { number: 9, baseSha: base, headSha: head },
        workspace: ws,
        paths: ['.'],
        options: { ...defaultOptions(ws), accessAnalyzer: 'off' },
        log: () => {},
        warn: () => {},
      });
      expect(again.result.findings.some((f) => f.ruleId === 'admin-wildcard' && f.new === false)).toBe(true);
      expect(again.result.verdict.status).toBe('pass');
    } finally {
      rmSync(ws, { recursive: true, force: true });
      await gh.stop();
    }
  });

  it('a base version that cannot be fetched leaves that base unknown: the findings built from it are new, never matched against a degraded base', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    repo = new GitFixture();
    const ws = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-shallow-'));
    try {
      const base = repo.commit({ 'infra/main.tf': TF_MAIN, 'infra/variables.tf': tfVariables(['*']) }, 'base');
      const head = repo.commit({ 'infra/variables.tf': tfVariables(['*']) + '\n# touched\n' }, 'touch');
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, ws]);
      gh.addPull({ number: 9, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      gh.inject(/\/contents\//, githubFaults.serverError(503), { times: 1_000 });
      const { result } = await analysePullRequest({
        gh: makeClient('read-token', { baseUrl: gh.url, retries: 0 }),
        repo: { owner: 'acme', repo: 'infra' },
        pr: { number: 9, baseSha: base, headSha: head },
        workspace: ws,
        paths: ['.'],
        options: { ...defaultOptions(ws), accessAnalyzer: 'off' },
        log: () => {},
        warn: () => {},
      });
      // the wildcard existed at the base, but the gate cannot show it: counted new (a false alarm, never a false pass)
      expect(result.findings.filter((f) => f.ruleId === 'admin-wildcard').map((f) => f.new)).toEqual([true]);
      expect(result.notes.some((n) => /The base version of infra\/main\.tf could not be rebuilt \(infra\/variables\.tf unreadable/.test(n))).toBe(true);
      expect(result.verdict.status).toBe('fail');
    } finally {
      rmSync(ws, { recursive: true, force: true });
      await gh.stop();
    }
  });
});
