/**
 * Local module calls are followed: the child module is evaluated with each instance's arguments, through the whole
 * gate. A caller that passes "*" (or AdministratorAccess) to a module whose own defaults are safe blocks, on the
 * child's statement line, naming the call and the caller's argument; a caller passing safe values passes.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { toSarif } from '../../../src/report/sarif.js';
import { findingLine } from '../../../src/report/markdown.js';
import { toText } from '../../../src/report/text.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

/** A child module whose defaults are safe: a policy built from `var.actions` / `var.resources`. */
const CHILD = `variable "name" {
  type    = string
  default = "reader"
}

variable "actions" {
  type    = list(string)
  default = ["s3:GetObject"]
}

variable "resources" {
  type    = list(string)
  default = ["arn:aws:s3:::reports/*"]
}

resource "aws_iam_policy" "this" {
  name = var.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Use"
      Effect   = "Allow"
      Action   = var.actions
      Resource = var.resources
    }]
  })
}
`;
const CHILD_STATEMENT_LINE = 20; // the `Statement = [{` line of CHILD

const call = (name: string, args: string, source = './modules/policy', meta = '') => `module "${name}" {
  source = "${source}"
${meta}${args}
}
`;

describe('a local module call is evaluated with its arguments', () => {
  it('a caller passing "*" blocks on the child line, naming the call and the argument line', async () => {
    const g = await gate({ 'main.tf': call('app', '  actions = ["*"]\n  resources = ["*"]'), 'modules/policy/main.tf': CHILD });
    expect(g.verdict.status).toBe('fail');
    const f = g.findings.find((x) => x.ruleId === 'admin-wildcard');
    expect(f).toMatchObject({ file: 'modules/policy/main.tf', resource: 'module.app.aws_iam_policy.this' });
    expect(f!.line).toBeGreaterThanOrEqual(CHILD_STATEMENT_LINE);
    expect(f!.message).toContain('module.app, called at main.tf:1');
    expect(f!.related).toEqual([
      { file: 'main.tf', line: 1, message: 'called as module.app' },
      { file: 'main.tf', line: 3, message: 'argument actions of the module call' },
      { file: 'main.tf', line: 4, message: 'argument resources of the module call' },
    ]);
    // SARIF: the caller's lines are related locations
    const sarif = toSarif(g) as { runs: { results: { ruleId: string; relatedLocations?: unknown[] }[] }[] };
    const r = sarif.runs[0]!.results.find((x) => x.ruleId === 'admin-wildcard');
    expect(r?.relatedLocations).toHaveLength(3);
    // markdown and text: a second line names the call
    expect(findingLine(f!, {})).toContain('<br>See: `main.tf:1` called as module\\.app; `main.tf:3` argument actions');
    expect(toText(g)).toContain('see: main.tf:3  argument actions of the module call');
  });

  it('control: a caller passing safe values passes', async () => {
    const g = await gate({ 'main.tf': call('app', '  actions = ["s3:ListBucket"]\n  resources = ["arn:aws:s3:::reports"]'), 'modules/policy/main.tf': CHILD });
    expect(g.verdict.status).toBe('pass');
    expect(g.policies.map((p) => p.resource).sort()).toEqual(['aws_iam_policy.this', 'module.app.aws_iam_policy.this']);
  });

  it('for_each over admin/readonly/poweruser: only the admin instance blocks, with Terraform addresses', async () => {
    const root = `locals {
  roles = {
    admin     = ["arn:aws:iam::aws:policy/AdministratorAccess"]
    readonly  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    poweruser = ["arn:aws:iam::aws:policy/PowerUserAccess"]
  }
}

module "role" {
  source   = "./modules/role"
  for_each = local.roles
  name     = each.key
  managed  = each.value
}
`;
    const child = `variable "name" {
  type = string
}

variable "managed" {
  type    = list(string)
  default = []
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(var.managed)
  role       = aws_iam_role.this.name
  policy_arn = each.value
}
`;
    const g = await gate({ 'main.tf': root, 'modules/role/main.tf': child });
    expect(g.verdict.status).toBe('fail');
    const resources = g.policies.map((p) => p.resource);
    expect(resources).toContain('module.role["admin"].aws_iam_role.this');
    expect(resources).toContain('module.role["readonly"].aws_iam_role.this');
    const admin = g.findings.filter((f) => f.ruleId === 'admin-wildcard' && !f.suppressed);
    expect(admin.length).toBeGreaterThan(0);
    expect(admin.some((f) => f.resource?.startsWith('module.role["admin"]'))).toBe(true);
    expect(admin.every((f) => !f.resource?.includes('readonly'))).toBe(true);
  });

  it('nested calls: "*" passed through two levels blocks at the innermost statement', async () => {
    const mid = `variable "actions" {
  type    = list(string)
  default = ["s3:GetObject"]
}

module "inner" {
  source  = "../policy"
  actions = var.actions
}
`;
    const g = await gate({ 'main.tf': call('outer', '  actions = ["*"]', './modules/mid'), 'modules/mid/main.tf': mid, 'modules/policy/main.tf': CHILD });
    expect(g.verdict.status).toBe('fail');
    const f = g.findings.find((x) => x.resource === 'module.outer.module.inner.aws_iam_policy.this' && x.ruleId === 'passrole-unrestricted');
    expect(f?.file).toBe('modules/policy/main.tf');
    expect(f?.related?.map((r) => `${r.file}:${r.line}`)).toEqual(expect.arrayContaining(['main.tf:1', 'modules/mid/main.tf:6']));
  });

  it('a call behind a feature flag (count = var.enable ? 1 : 0, default false) is still analysed and says when', async () => {
    const root = `variable "enable_admin" {
  type    = bool
  default = false
}

${call('admin', '  actions = ["*"]\n  resources = ["*"]', './modules/policy', '  count = var.enable_admin ? 1 : 0\n')}`;
    const g = await gate({ 'main.tf': root, 'modules/policy/main.tf': CHILD });
    expect(g.verdict.status).toBe('fail');
    const f = g.findings.find((x) => x.ruleId === 'admin-wildcard');
    expect(f?.resource).toBe('module.admin[0].aws_iam_policy.this');
    expect(f?.message).toContain('count = var.enable_admin ? 1 : 0');
  });

  it("the caller's own input decides the argument: every branch counts", async () => {
    const root = `variable "admin" {
  default = false
}

${call('app', '  actions = var.admin ? ["*"] : ["s3:GetObject"]\n  resources = ["*"]')}`;
    const g = await gate({ 'main.tf': root, 'modules/policy/main.tf': CHILD });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((x) => x.resource === 'module.app.aws_iam_policy.this' && x.ruleId === 'admin-wildcard')).toBe(true);
  });

  it('a value the call decides selects its branch in the child (no finding for the branch not taken)', async () => {
    const child = `variable "admin" {
  type    = bool
  default = true
}

resource "aws_iam_policy" "this" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.admin ? "*" : "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }] })
}
`;
    const g = await gate({ 'main.tf': call('app', '  admin = false'), 'modules/policy/main.tf': child });
    // the child on its own (admin defaults to true) is reported; the call with admin = false is not
    expect(g.findings.some((x) => x.resource === 'aws_iam_policy.this' && x.ruleId === 'passrole-unrestricted')).toBe(true);
    expect(g.findings.filter((x) => x.resource?.startsWith('module.app'))).toEqual([]);
  });

  it('a module that calls itself is refused (incomplete), not followed forever', async () => {
    const self = `${CHILD}
module "again" {
  source = "./"
}
`;
    const g = await gate({ 'main.tf': call('app', '  actions = ["s3:GetObject"]'), 'modules/policy/main.tf': self });
    expect(g.verdict.status).toBe('incomplete');
    expect(g.errors.some((e) => /calls itself/.test(e.message))).toBe(true);
  });

  it('a local source without .tf files (a submodule not checked out): documents passed are analysed where written', async () => {
    const g = await gate({ 'main.tf': call('app', '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })', './modules/missing') });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.find((f) => f.ruleId === 'admin-wildcard')).toMatchObject({ file: 'main.tf', resource: 'module.app' });
  });
});

/** A reusable module with inputs and no defaults: on its own, analysed at its worst. */
const REUSABLE = `variable "actions" {
  type = list(string)
}

resource "aws_iam_policy" "this" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "arn:aws:s3:::reports/*" }] })
}
`;

describe('a module called from inside the repository: its worst case gives way to its calls', () => {
  it('nobody calls it: worst case, blocking', async () => {
    const g = await gate({ 'modules/policy/main.tf': REUSABLE });
    expect(g.verdict.status).toBe('fail');
  });

  it('every caller passes safe values: the worst-case findings are kept, suppressed, naming the calls; the verdict passes', async () => {
    const g = await gate({ 'main.tf': call('reader', '  actions = ["s3:GetObject"]'), 'modules/policy/main.tf': REUSABLE });
    expect(g.verdict.status).toBe('pass');
    const own = g.findings.filter((f) => f.resource === 'aws_iam_policy.this');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((f) => f.suppressed && /every call of this module in the repository is analysed with its arguments: module.reader/.test(f.suppressionReason ?? ''))).toBe(true);
  });

  it('one caller of two passes "*": blocks on the child line for that call', async () => {
    const g = await gate({ 'main.tf': call('reader', '  actions = ["s3:GetObject"]') + call('admin', '  actions = ["*"]'), 'modules/policy/main.tf': REUSABLE });
    expect(g.verdict.status).toBe('fail');
    const blocking = g.findings.filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'security-warning'));
    expect(blocking.length).toBeGreaterThan(0);
    expect(blocking.every((f) => f.file === 'modules/policy/main.tf' && f.resource === 'module.admin.aws_iam_policy.this')).toBe(true);
  });

  it('a caller that passes nothing for the input: the worst case is the call\'s own, blocking', async () => {
    const g = await gate({ 'main.tf': call('bare', '  # no actions'), 'modules/policy/main.tf': REUSABLE });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => !f.suppressed && f.resource === 'module.bare.aws_iam_policy.this')).toBe(true);
  });

  it('a literal wildcard in the module itself stays blocking whoever calls it', async () => {
    const child = REUSABLE.replace('Resource = "arn:aws:s3:::reports/*"', 'Resource = "*"').replace('Action = var.actions', 'Action = ["iam:*"]');
    const g = await gate({ 'main.tf': call('reader', '  actions = ["s3:GetObject"]'), 'modules/policy/main.tf': child });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => !f.suppressed && f.resource === 'aws_iam_policy.this')).toBe(true);
  });
});

const flagged = (action: string, resource: string) => `variable "attach_reader_policy" {
  type    = bool
  default = false
}

resource "aws_iam_role" "this" {
  name               = "irsa"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_policy" "reader" {
  count  = var.attach_reader_policy ? 1 : 0
  name   = "reader"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "${action}", Resource = "${resource}" }] })
}

resource "aws_iam_role_policy_attachment" "reader" {
  count      = var.attach_reader_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.reader[0].arn
}
`;

describe('policies behind feature flags (default false) in a module nobody calls', () => {
  it('a flagged "*" policy is analysed and blocks, saying when it exists', async () => {
    const g = await gate({ 'main.tf': flagged('*', '*') });
    expect(g.verdict.status).toBe('fail');
    const f = g.findings.find((x) => x.ruleId === 'admin-wildcard');
    expect(f).toMatchObject({ resource: 'aws_iam_policy.reader[0]' });
    expect(f!.message).toContain('count = var.attach_reader_policy ? 1 : 0');
  });

  it('control: a narrow flagged policy attached by aws_iam_policy.reader[0].arn passes (the ARN is the repository\'s own policy, not an unknown one)', async () => {
    const g = await gate({ 'main.tf': flagged('s3:GetObject', 'arn:aws:s3:::reports/*') });
    expect(g.findings.filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'security-warning'))).toEqual([]);
    expect(g.verdict.status).toBe('pass');
  });
});


describe('registry and remote module calls (not downloaded): their arguments are analysed where written', () => {
  const registry = (args: string) => `module "role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"
${args}
}
`;
  it('AdministratorAccess in a managed ARN map blocks on its line; the note names the unread call', async () => {
    const g = await gate({ 'main.tf': registry('  role_policy_arns = {\n    admin = "arn:aws:iam::aws:policy/AdministratorAccess"\n  }') });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.find((f) => f.ruleId === 'admin-wildcard')).toMatchObject({ file: 'main.tf', line: 5, resource: 'module.role' });
    expect(g.notes.some((n) => n.includes('module.role (terraform-aws-modules/iam/aws//modules/iam-assumable-role) at line 1'))).toBe(true);
  });

  it('a map of inline documents: each analysed', async () => {
    const g = await gate({ 'main.tf': registry('  inline_policies = {\n    all = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n  }') });
    expect(g.findings.find((f) => f.ruleId === 'admin-wildcard')).toMatchObject({ file: 'main.tf', resource: 'module.role' });
  });

  it('control: ReadOnlyAccess passes and the call is still listed as not read', async () => {
    const g = await gate({ 'main.tf': registry('  custom_role_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]') });
    expect(g.findings.filter((f) => f.severity === 'error' || f.severity === 'security-warning')).toEqual([]);
    expect(g.notes.some((n) => /module calls not read/.test(n))).toBe(true);
  });
});
