/**
 * Unknown, conditional and generated content in `.tf` is never harmless: through the whole gate, each dangerous
 * variant fails (a blocking finding that says what was assumed) and its benign control passes. Variants are
 * generated: the same shapes over several positions, spellings and input sources.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

const policy = (statement: string, extra = '') => `${extra}
resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [${statement}]
  })
}
`;

const stmt = (action: string, resource = '"*"') => `{
      Effect   = "Allow"
      Action   = ${action}
      Resource = ${resource}
    }`;

describe('conditionals on an input: every branch counts', () => {
  const conditions: [string, string][] = [
    ['var.admin', 'variable "admin" {\n  type = bool\n  default = false\n}\n'],
    ['var.env == "prod"', 'variable "env" {\n  default = "dev"\n}\n'],
    ['terraform.workspace == "prod"', ''],
    ['local.elevated', 'variable "tier" {\n  default = "low"\n}\nlocals {\n  elevated = var.tier == "high"\n}\n'],
    ['!var.restricted', 'variable "restricted" {\n  default = true\n}\n'],
  ];
  for (const [cond, decl] of conditions) {
    it(`${cond} ? "*" : "s3:GetObject" fails, naming the branch`, async () => {
      const g = await gate({ 'main.tf': policy(stmt(`${cond} ? "*" : "s3:GetObject"`), decl) });
      expect(g.verdict.status).not.toBe('pass');
      const f = g.findings.find((x) => x.ruleId === 'admin-wildcard');
      expect(f?.message).toContain(`when ${cond} is true`);
    });
    it(`${cond} ? ["s3:GetObject"] : ["s3:ListBucket"] on one bucket passes`, async () => {
      const g = await gate({ 'main.tf': policy(stmt(`${cond} ? ["s3:GetObject"] : ["s3:ListBucket"]`, '"arn:aws:s3:::reports/*"'), decl) });
      expect(g.verdict.status).toBe('pass');
    });
  }

  it('a whole policy chosen by a variable: the union of both documents is analysed', async () => {
    const decl = 'variable "break_glass" {\n  default = false\n}\n';
    const text = `${decl}
resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = var.break_glass ? jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }) : jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}
`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).not.toBe('pass');
  });

  const role = `variable "guard" {\n  default = true\n}
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "allow" {
  role   = aws_iam_role.app.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["iam:CreateAccessKey"], Resource = "*" }] })
}
`;
  const deny = '{ Effect = "Deny", Action = ["iam:*"], Resource = "*" }';
  const guard = (meta: string, statements: string) =>
    `${role}resource "aws_iam_role_policy" "guard" {\n  ${meta}\n  role   = aws_iam_role.app.name\n  policy = jsonencode({ Version = "2012-10-17", Statement = ${statements} })\n}\n`;
  const escalates = async (text: string) => (await gate({ 'main.tf': text })).findings.some((f) => f.ruleId === 'privilege-escalation');

  it('a Deny on the role cancels the escalation (control)', async () => {
    expect(await escalates(guard('', `[${deny}]`))).toBe(false);
  });
  for (const [what, text] of [
    ['count = var.guard ? 1 : 0', guard('count = var.guard ? 1 : 0', `[${deny}]`)],
    ['for_each over a variable', guard('for_each = var.guard ? toset(["on"]) : toset([])', `[${deny}]`)],
    ['a Deny in one branch of the statement list', guard('', `concat([{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }], var.guard ? [${deny}] : [])`)],
    ['a Deny whose resource is a variable without default', guard('', '[{ Effect = "Deny", Action = ["iam:*"], Resource = var.denied }]').replace('variable "guard"', 'variable "denied" {\n  type = string\n}\nvariable "guard"')],
  ] as const) {
    it(`${what}: the Deny may not exist, the escalation stands`, async () => {
      expect(await escalates(text)).toBe(true);
    });
  }
});

describe('values nobody in the repository decides are analysed as their worst case', () => {
  const noDefault = (name: string, type = 'list(string)') => `variable "${name}" {\n  type = ${type}\n}\n`;
  const actionVariants: [string, string][] = [
    ['var.actions', noDefault('actions')],
    ['[var.action]', noDefault('action', 'string')],
    ['concat(["s3:GetObject"], var.extra)', noDefault('extra')],
    ['[lower(uuid())]', ''],
    ['[provider::corp::action("admin")]', ''],
    ['[regex("\\\\pL+", "iam")]', ''],
    ['var.cfg.actions', 'variable "cfg" {\n  type = object({ actions = list(string) })\n}\n'],
  ];
  for (const [expr, decl] of actionVariants) {
    it(`Action = ${expr} fails and says what was assumed`, async () => {
      const g = await gate({ 'main.tf': policy(stmt(expr), decl) });
      expect(g.verdict.status).not.toBe('pass');
      expect(g.findings.some((f) => f.severity === 'error' && /\(.*analysed as .*\)/.test(f.message))).toBe(true);
    });
  }

  it('Action from a variable with a safe default passes (control)', async () => {
    const g = await gate({ 'main.tf': policy(stmt('var.actions', '"arn:aws:s3:::reports/*"'), 'variable "actions" {\n  default = ["s3:GetObject"]\n}\n') });
    expect(g.verdict.status).toBe('pass');
  });

  it('the unknown part of a Resource is a wildcard: iam:PassRole on role/${var.role}', async () => {
    const g = await gate({ 'main.tf': policy(stmt('"iam:PassRole"', '"arn:aws:iam::123456789012:role/${var.role}"'), noDefault('role', 'string')) });
    const f = g.findings.find((x) => x.ruleId === 'passrole-unrestricted' || x.ruleId === 'privilege-escalation');
    expect(f).toBeDefined();
  });

  it('a resource the repository creates stays a specific stand-in (control)', async () => {
    const text = `resource "aws_s3_bucket" "b" {\n  bucket = "reports"\n}\n${policy(stmt('"s3:GetObject"', '"${aws_s3_bucket.b.arn}/*"'))}`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).toBe('pass');
  });

  const principalVariants = ['var.principal', 'data.external.who.result.arn', 'lookup(var.accounts, "prod")'];
  for (const p of principalVariants) {
    it(`a bucket policy for ${p} is public in the worst case`, async () => {
      const decl = `variable "principal" {\n  type = string\n}\nvariable "accounts" {\n  type = map(string)\n}\ndata "external" "who" {\n  program = ["./who.sh"]\n}\n`;
      const text = `${decl}
resource "aws_s3_bucket_policy" "b" {
  bucket = "reports"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = ${p} }, Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }] })
}
`;
      const g = await gate({ 'main.tf': text });
      expect(g.verdict.status).not.toBe('pass');
    });
  }

  it('a condition whose value is unknown narrows nothing', async () => {
    const text = `variable "vpce" {\n  type = string\n}\nresource "aws_s3_bucket_policy" "b" {
  bucket = "reports"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*", Condition = { StringEquals = { "aws:SourceVpce" = var.vpce } } }] })
}
`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).not.toBe('pass');
    const control = await gate({ 'main.tf': text.replace('var.vpce', '"vpce-0123456789abcdef0"').replace(/variable "vpce"[^}]*\}\n/, '') });
    expect(control.verdict.status).toBe('pass');
  });

  it('a whole policy only the caller provides: the broadest document, said so', async () => {
    const text = `variable "policy_json" {\n  type = string\n}\nresource "aws_iam_role_policy" "p" {\n  role   = "app"\n  policy = var.policy_json\n}\n`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).not.toBe('pass');
    expect(g.findings.find((f) => f.ruleId === 'admin-wildcard')?.message).toMatch(/var\.policy_json.*worst case/);
  });

  it('a source policy document the gate cannot read is merged as its worst case', async () => {
    const text = `variable "extra_json" {\n  type = string\n}\ndata "aws_iam_policy_document" "d" {
  source_policy_documents = [var.extra_json]
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}
resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = data.aws_iam_policy_document.d.json
}
`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).not.toBe('pass');
  });
});

describe('var files that are not auto-loaded are input sets', () => {
  const module = `variable "actions" {\n  type = list(string)\n  default = ["s3:GetObject"]\n}\n${policy(stmt('var.actions'))}`;
  for (const [file, body] of [
    ['prod.tfvars', 'actions = ["*"]\n'],
    ['envs/prod.tfvars', 'actions = ["iam:*"]\n'],
    ['staging.tfvars.json', '{"actions": ["*"]}'],
  ] as const) {
    it(`${file} granting more fails, naming the file`, async () => {
      const g = await gate({ 'main.tf': module, [file]: body });
      expect(g.verdict.status).not.toBe('pass');
      expect(g.findings.some((f) => f.message.includes(`with the values of ${file}`))).toBe(true);
    });
  }
  it('a var file that changes nothing adds nothing (control)', async () => {
    const g = await gate({ 'main.tf': module.replace('Resource = "*"', 'Resource = "arn:aws:s3:::reports/*"'), 'dev.tfvars': 'actions = ["s3:GetObject"]\n' });
    expect(g.verdict.status).toBe('pass');
    expect(g.policies).toHaveLength(1);
  });
});

describe('managed policies from outside the repository', () => {
  const role = `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
`;
  for (const lookup of ['name = "AdministratorAccess"', 'arn = "arn:aws:iam::aws:policy/AdministratorAccess"']) {
    it(`AdministratorAccess through data "aws_iam_policy" (${lookup.split(' ')[0]}) is caught`, async () => {
      const text = `${role}data "aws_iam_policy" "admin" {\n  ${lookup}\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = aws_iam_role.r.name\n  policy_arn = data.aws_iam_policy.admin.arn\n}\n`;
      const g = await gate({ 'main.tf': text });
      expect(g.verdict.status).not.toBe('pass');
      expect(g.findings.some((f) => f.ruleId === 'aws-managed-admin-policy')).toBe(true);
    });
  }
  it('customer managed policies not in the repository are unresolved on the principal', async () => {
    const text = `${role.replace('name = "r"', 'name = "r"\n  managed_policy_arns = ["arn:aws:iam::111122223333:policy/outside"]')}data "aws_iam_policy" "c" {\n  name = "team-policy"\n}\nresource "aws_iam_role_policy_attachment" "c" {\n  role       = aws_iam_role.r.name\n  policy_arn = data.aws_iam_policy.c.arn\n}\n`;
    const g = await gate({ 'main.tf': text });
    const r = g.principals.find((p) => p.resource === 'aws_iam_role.r');
    expect(r?.unresolved.map((u) => u.arn).sort()).toEqual(['arn:aws:iam::111122223333:policy/outside', 'arn:aws:iam::123456789012:policy/team-policy']);
  });
  it('the document of a customer managed policy copied inline is its worst case', async () => {
    const text = `data "aws_iam_policy" "c" {\n  name = "team-policy"\n}\nresource "aws_iam_role_policy" "p" {\n  role   = "app"\n  policy = data.aws_iam_policy.c.policy\n}\n`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).not.toBe('pass');
  });
});

describe('dynamic statements chosen by an input', () => {
  it('a dynamic Allow behind a flag is analysed; a dynamic Deny behind a flag does not cancel', async () => {
    const text = `variable "admin" {\n  default = false\n}\nvariable "guard" {\n  default = true\n}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.admin ? [1] : []
    content {
      actions   = ["*"]
      resources = ["*"]
    }
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}
resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = data.aws_iam_policy_document.d.json
}
`;
    const g = await gate({ 'main.tf': text });
    expect(g.verdict.status).not.toBe('pass');
    const control = await gate({ 'main.tf': text.replace('actions   = ["*"]\n      resources = ["*"]', 'actions   = ["s3:ListBucket"]\n      resources = ["arn:aws:s3:::reports"]') });
    expect(control.verdict.status).toBe('pass');
  });
});

describe('attribution by name lands where AWS attaches the policy', () => {
  const trust = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })';
  const roles = (nameOfCi: string, nameOfDeployer: string) => `resource "aws_iam_role" "ci" {
  name               = "${nameOfCi}"
  assume_role_policy = ${trust}
}
resource "aws_iam_role" "deployer" {
  name               = "${nameOfDeployer}"
  assume_role_policy = ${trust}
}
`;
  const admin = (role: string) => `resource "aws_iam_role_policy" "admin" {
  role   = ${role}
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`;
  const holderOf = async (text: string) => {
    const g = await gate({ 'main.tf': text });
    return g.principals.filter((p) => p.policies.some((x) => x.id.includes('aws_iam_role_policy.admin'))).map((p) => p.resource);
  };
  for (const [label, text, holder] of [
    ['a literal name equal to another role\'s name', roles('deployer', 'ci-runner') + admin('"deployer"'), 'aws_iam_role.ci'],
    ['a literal name equal to another role\'s label', roles('build', 'deploy') + admin('"deployer"'), undefined],
    ['a role named like another role\'s address, referenced', roles('aws_iam_role.deployer', 'deploy') + admin('aws_iam_role.deployer.name'), 'aws_iam_role.deployer'],
    ['an ARN naming the role', roles('deployer', 'ci-runner') + admin('"arn:aws:iam::123456789012:role/deployer"'), 'aws_iam_role.ci'],
  ] as const) {
    it(`${label}`, async () => {
      expect(await holderOf(text)).toEqual(holder ? [holder] : []);
    });
  }
});

describe('a literal role name is a name, never an address', () => {
  it('role = "aws_iam_role.deployer" attaches to the role named so, not to aws_iam_role.deployer', async () => {
    const trust = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })';
    for (const res of ['aws_iam_role_policy', 'aws_iam_role_policy_attachment']) {
      const text = `resource "aws_iam_role" "ci" {\n  name = "aws_iam_role.deployer"\n  assume_role_policy = ${trust}\n}\nresource "aws_iam_role" "deployer" {\n  name = "deploy"\n  assume_role_policy = ${trust}\n}\n${
        res === 'aws_iam_role_policy'
          ? 'resource "aws_iam_role_policy" "admin" {\n  role = "aws_iam_role.deployer"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n'
          : 'resource "aws_iam_role_policy_attachment" "admin" {\n  role = "aws_iam_role.deployer"\n  policy_arn = "arn:aws:iam::111122223333:policy/outside"\n}\n'
      }`;
      const g = await gate({ 'main.tf': text });
      const ci = g.principals.find((p) => p.resource === 'aws_iam_role.ci')!;
      const deployer = g.principals.find((p) => p.resource === 'aws_iam_role.deployer')!;
      if (res === 'aws_iam_role_policy') {
        expect(ci.policies.map((p) => p.id)).toEqual([expect.stringContaining('aws_iam_role_policy.admin')]);
        expect(deployer.policies).toEqual([]);
      } else {
        expect(ci.unresolved.map((u) => u.arn)).toEqual(['arn:aws:iam::111122223333:policy/outside']);
        expect(deployer.unresolved).toEqual([]);
      }
    }
  });
});

describe('.tf.json: the same classes', () => {
  const doc = (action: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      ...extra,
      resource: { aws_iam_policy: { p: { name: 'p', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }) } } },
    });
  for (const [label, action, extra] of [
    ['a variable without default', '${var.action}', { variable: { action: { type: 'string' } } }],
    ['a conditional', '${var.admin ? "*" : "s3:GetObject"}', { variable: { admin: { default: false } } }],
    ['a function', '${lower(var.x)}', { variable: { x: { default: 'S3:GETOBJECT' } } }],
  ] as const) {
    it(`Action from ${label} is analysed as its worst case`, async () => {
      const g = await gate({ 'main.tf.json': doc(action, extra) });
      expect(g.verdict.status).not.toBe('pass');
    });
  }
  it('Action from a variable with a default is its value (control)', async () => {
    const g = await gate({ 'main.tf.json': doc('${var.action}', { variable: { action: { default: 's3:ListAllMyBuckets' } } }) });
    expect(g.verdict.status).toBe('pass');
  });
});

describe('attached policy ARNs nobody in the repository decides', () => {
  const role = `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
`;
  for (const [label, decl, arn] of [
    ['a variable without default', 'variable "policy_arn" {\n  type = string\n}\n', 'var.policy_arn'],
    ['each.value of a caller list', 'variable "arns" {\n  type = list(string)\n}\n', 'each.value'],
    ['a conditional', 'variable "admin" {\n  default = false\n}\n', 'var.admin ? "arn:aws:iam::aws:policy/AdministratorAccess" : "arn:aws:iam::aws:policy/ReadOnlyAccess"'],
  ] as const) {
    it(`${label}: analysed as AdministratorAccess (or each branch), said so`, async () => {
      const forEach = arn === 'each.value' ? '  for_each = toset(var.arns)\n' : '';
      const g = await gate({ 'main.tf': `${decl}${role}resource "aws_iam_role_policy_attachment" "a" {\n${forEach}  role       = aws_iam_role.r.name\n  policy_arn = ${arn}\n}\n` });
      expect(g.verdict.status).toBe('fail');
      const admin = g.policies.find((p) => p.awsManaged === 'arn:aws:iam::aws:policy/AdministratorAccess');
      expect(admin?.assumptions?.[0]?.text).toMatch(/AdministratorAccess|one of several values/);
    });
  }
  it('a literal AWS managed read-only ARN passes (control)', async () => {
    const g = await gate({ 'main.tf': `${role}resource "aws_iam_role_policy_attachment" "a" {\n  role       = aws_iam_role.r.name\n  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"\n}\n` });
    expect(g.verdict.status).toBe('pass');
  });
});
describe('template directives on an input', () => {
  const heredoc = (inner: string) => `variable "admin" {\n  default = false\n}
resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      ${inner}
      "Resource": "*"
    }
  ]
}
EOF
}
`;
  it('%{ if var.admin } in a heredoc policy: both ways are analysed', async () => {
    const g = await gate({ 'main.tf': heredoc('%{ if var.admin }"Action": "*",%{ else }"Action": "s3:ListAllMyBuckets",%{ endif }') });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => f.ruleId === 'admin-wildcard')).toBe(true);
  });
  it('a conditional whose condition reads an input only inside a %{ if } directive: both branches count', async () => {
    const decl = 'variable "admin" {\n  type = bool\n  default = false\n}\n';
    const g = await gate({ 'main.tf': policy(stmt('["%{ if var.admin }yes%{ endif }" == "yes" ? "*" : "s3:ListAllMyBuckets"]'), decl) });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => f.ruleId === 'admin-wildcard')).toBe(true);
  });
  it('the same directive choosing between two harmless actions passes (control)', async () => {
    const g = await gate({ 'main.tf': heredoc('%{ if var.admin }"Action": "s3:ListAllMyBuckets",%{ else }"Action": "s3:GetBucketLocation",%{ endif }') });
    expect(g.verdict.status).toBe('pass');
  });
  it('templatefile() with a flag passed from a variable: both ways', async () => {
    const tpl = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%{ if admin }"*"%{ else }"s3:ListAllMyBuckets"%{ endif },"Resource":"*"}]}';
    const text = `variable "admin" {\n  default = false\n}\nresource "aws_iam_role_policy" "p" {\n  role   = "app"\n  policy = templatefile("\${path.module}/policy.json.tpl", { admin = var.admin })\n}\n`;
    const g = await gate({ 'main.tf': text, 'policy.json.tpl': tpl });
    expect(g.verdict.status).toBe('fail');
  });
});

describe('terraform_data passes its input through', () => {
  it('an Action routed through terraform_data.x.output is the input ("*" fails; a harmless input passes)', async () => {
    const decl = (input: string) => `resource "terraform_data" "x" {\n  input = ${input}\n}\n`;
    const bad = await gate({ 'main.tf': policy(stmt('[terraform_data.x.output]'), decl('"*"')) });
    expect(bad.findings.map((f) => f.ruleId)).toContain('admin-wildcard');
    const list = await gate({ 'main.tf': policy(stmt('terraform_data.x.output[1]'), decl('["s3:GetObject", "*"]')) });
    expect(list.findings.map((f) => f.ruleId)).toContain('admin-wildcard');
    const ok = await gate({ 'main.tf': policy(stmt('[terraform_data.x.output]', '"arn:aws:s3:::acme-reports/*"'), decl('"s3:GetObject"')) });
    expect(ok.verdict.status).toBe('pass');
  });
});

describe('attributes of resources the repository declares', () => {
  const ssm = (arg: string) => `resource "aws_ssm_parameter" "x" {\n  name  = "/acts"\n  type  = "String"\n  ${arg}\n}\n`;
  it('an attribute the block sets is its value: aws_ssm_parameter.x.value = "*" (or insecure_value) fails', async () => {
    for (const arg of ['value = "*"', 'insecure_value = "*"']) {
      const g = await gate({ 'main.tf': policy(stmt('[aws_ssm_parameter.x.value]'), ssm(arg)) });
      expect(g.findings.map((f) => f.ruleId), arg).toContain('admin-wildcard');
    }
    const ok = await gate({ 'main.tf': policy(stmt('[aws_ssm_parameter.x.value]', '"arn:aws:s3:::acme-reports/*"'), ssm('value = "s3:GetObject"')) });
    expect(ok.verdict.status).toBe('pass');
  });

  it('an attribute computed at apply (random_string.x.result, an unset ssm value) is its worst case, said so', async () => {
    const rnd = 'resource "random_string" "x" {\n  length = 1\n}\n';
    const g = await gate({ 'main.tf': policy(stmt('["iam:${random_string.x.result}"]'), rnd) });
    expect(g.verdict.status).not.toBe('pass');
    const f = g.findings.find((x) => x.message.includes('random_string.x.result'));
    expect(f?.message ?? JSON.stringify(g.findings)).toContain('computed when Terraform creates random_string.x');
    const unset = await gate({ 'main.tf': policy(stmt('[aws_ssm_parameter.x.value]'), ssm('tier = "Standard"')) });
    expect(unset.verdict.status).not.toBe('pass');
  });

  it('a computed attribute of a resource with a short name is replaced alone, not inside other strings', async () => {
    const fn = 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::111122223333:role/x"\n}\n';
    const g = await gate({ 'main.tf': policy(stmt('["lambda:InvokeFunction"]', '["${aws_lambda_function.f.arn}:${aws_lambda_function.f.version}"]'), fn) });
    const p = g.policies.find((x) => JSON.stringify(x.document).includes('lambda:'));
    expect(JSON.stringify(p?.document)).toContain('"Action":["lambda:InvokeFunction"]');
    expect(p?.assumptions?.map((a) => a.text).join('\n')).toContain('analysed as "arn:aws:lambda:us-east-1:123456789012:function:f:*"');
  });

  it('identifying attributes of declared resources keep their one-thing stand-in (benign policies pass)', async () => {
    const decl = `resource "aws_s3_bucket" "b" {\n  bucket = "acme-reports"\n}\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\nresource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "k"\n}\nresource "aws_kms_key" "k" {}\n`;
    const statements = [
      stmt('["s3:GetObject"]', '["${aws_s3_bucket.b.arn}/*", "arn:aws:s3:::${aws_s3_bucket.b.bucket}/*"]'),
      stmt('["sqs:SendMessage"]', '[aws_sqs_queue.q.arn]'),
      stmt('["dynamodb:GetRecords"]', '[aws_dynamodb_table.t.stream_arn]'),
      stmt('["kms:Decrypt"]', '[aws_kms_key.k.arn]'),
    ].join(',\n');
    const g = await gate({ 'main.tf': policy(statements, decl) });
    expect(g.verdict.status, JSON.stringify(g.findings.map((f) => f.message))).toBe('pass');
    expect(JSON.stringify(g.findings)).not.toContain('computed when Terraform creates');
  });
});
