/**
 * A selection by an input -- `lookup(map, var.env)`, `map[var.env]`, `element(list, var.i)`, `list[var.i]`,
 * `try(map[var.x], ...)` -- may yield every entry (the caller, a tfvars file or the workspace picks the key): each
 * entry is a branch, like a conditional on an input, and the finding names it. A constant key selects one entry.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

const policy = (actions: string, decl: string, resource = '"*"') => `${decl}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ${actions}, Resource = ${resource} }] })
}
`;
const ENV = 'variable "env" {\n  default = "dev"\n}\n';
const IDX = 'variable "i" {\n  default = 0\n}\n';
const NODEF = 'variable "env" {\n  type = string\n}\n';
const MAP = '{ dev = "s3:GetObject", prod = "*" }';
const LISTMAP = 'locals {\n  by_env = { dev = ["s3:GetObject"], prod = ["s3:GetObject", "iam:*"] }\n}\n';

describe('a selection by an input: every entry counts', () => {
  const dangerous: [string, string, string][] = [
    ['lookup(map, var.env)', `[lookup(${MAP}, var.env, "s3:GetObject")]`, ENV],
    ['map[var.env]', `[${MAP}[var.env]]`, ENV],
    ['try(map[var.env], default)', `[try(${MAP}[var.env], "s3:GetObject")]`, ENV],
    ['element(list, var.i)', '[element(["s3:GetObject", "*"], var.i)]', IDX],
    ['list[var.i]', '[["s3:GetObject", "*"][var.i]]', IDX],
    ['lookup default for another key', '[lookup({ dev = "s3:GetObject" }, var.env, "*")]', ENV],
    ['a variable without default as the key', `[lookup(${MAP}, var.env, "s3:GetObject")]`, NODEF],
    ['a traversal after the selection', '[{ dev = { a = "s3:GetObject" }, prod = { a = "*" } }[var.env].a]', ENV],
  ];
  for (const [what, actions, decl] of dangerous) {
    it(`${what}: the dangerous entry fails, naming its key`, async () => {
      const g = await gate({ 'main.tf': policy(actions, decl) });
      expect(g.verdict.status).not.toBe('pass');
      expect(g.findings.some((f) => f.severity === 'error' && /var\.(env|i)/.test(f.message + JSON.stringify(f.details ?? {})))).toBe(true);
    });
  }

  it('a map of lists selected by an input: the union of the lists is analysed', async () => {
    const g = await gate({ 'main.tf': policy('local.by_env[var.env]', LISTMAP + ENV) });
    expect(g.verdict.status).toBe('fail');
    expect(JSON.stringify(g.policies[0]!.document)).toContain('iam:*');
  });

  it('a constant key selects one entry (control)', async () => {
    const g = await gate({ 'main.tf': policy(`[lookup(${MAP}, "dev")]`, '', '"arn:aws:s3:::reports/*"') });
    expect(g.verdict.status).toBe('pass');
  });

  it('every entry harmless: passes (control)', async () => {
    const g = await gate({ 'main.tf': policy('[lookup({ dev = "s3:GetObject", prod = "s3:GetObjectVersion" }, var.env)]', ENV, '"arn:aws:s3:::reports/*"') });
    expect(g.verdict.status).toBe('pass');
  });
});
