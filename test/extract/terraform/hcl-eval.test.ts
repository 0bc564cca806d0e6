/** The HCL parser and evaluator on their own: what a Terraform user writes, what Terraform computes. */
import { describe, expect, it } from 'vitest';
import { HclModule } from '../../../src/extract/terraform/hcl-eval.js';
import type { HclFile } from '../../../src/extract/terraform/hcl-eval.js';
import { HclSyntaxError, parseHcl } from '../../../src/extract/terraform/hcl-syntax.js';
import { lineStartsOf } from '../../../src/text/positions.js';

const files: Record<string, string> = {
  'policies/actions.tpl': '%{ for a in actions ~}\n"${a}",\n%{ endfor ~}\n"sts:GetCallerIdentity"',
};

/** Evaluate `locals { x = <expr> }` (plus any extra blocks) and return local.x as plain JSON. */
function evaluate(expr: string, extra = ''): unknown {
  const text = `${extra}\nlocals {\n  x = ${expr}\n}\n`;
  const file: HclFile = { repoPath: 'main.tf', display: 'main.tf', text, parsed: parseHcl(text), lineStarts: lineStartsOf(text) };
  const m = new HclModule({
    dir: '',
    files: [file],
    tfvars: new Map(),
    readRepoFile: (p) => {
      const t = files[p];
      if (t === undefined) throw new Error('no such file');
      return t;
    },
    displayPath: (p) => p,
    ctx: { partition: 'aws', region: 'us-east-1', account: '123456789012' },
  });
  return m.toJson(m.local('x'), '', new Map());
}

describe('HCL expressions', () => {
  it('templates: interpolation, escapes, $${ literal, if/for directives with strip markers', () => {
    expect(evaluate('"arn:aws:s3:::${local.b}/*"', 'locals {\n  b = "logs"\n}')).toBe('arn:aws:s3:::logs/*');
    expect(evaluate('"a\\"b\\\\c\\n$${not} %%{no}"')).toBe('a"b\\c\n${not} %{no}');
    expect(evaluate('"%{ if true }yes%{ else }no%{ endif }"')).toBe('yes');
    expect(evaluate('"[%{ for i, v in ["a", "b"] }${i}=${v};%{ endfor }]"')).toBe('[0=a;1=b;]');
    expect(evaluate('"x ${~ "y" ~} z"')).toBe('xyz');
  });

  it('heredocs: <<EOF keeps indentation, <<-EOF strips the common indentation', () => {
    expect(evaluate('<<EOF\n  a\n    b\nEOF')).toBe('  a\n    b\n');
    expect(evaluate('<<-EOT\n    a\n      b\n    EOT')).toBe('a\n  b\n');
  });

  it('operators with precedence, conditionals, comparisons, logic', () => {
    expect(evaluate('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(evaluate('(1 + 2) * 3 % 4')).toBe(1);
    expect(evaluate('!false && 2 >= 2 || false ? "a" : "b"')).toBe('a');
    expect(evaluate('"x" == "x" && [1] != [2]')).toBe(true);
    expect(evaluate('-3 + 1')).toBe(-2);
  });

  it('collections: for expressions with filters and grouping, splats, indexes, legacy .0', () => {
    expect(evaluate('[for s in ["a", "bb", "c"] : upper(s) if length(s) == 1]')).toEqual(['A', 'C']);
    expect(evaluate('{ for k, v in { a = 1, b = 2 } : v => k }')).toEqual({ 1: 'a', 2: 'b' });
    expect(evaluate('{ for s in ["ab", "ac", "b"] : substr(s, 0, 1) => s... }')).toEqual({ a: ['ab', 'ac'], b: ['b'] });
    expect(evaluate('[{ n = "a" }, { n = "b" }][*].n')).toEqual(['a', 'b']);
    expect(evaluate('{ m = ["x", "y"] }.m.1')).toBe('y');
    expect(evaluate('{ "key with space" = 1, b: 2 }["key with space"]')).toBe(1);
  });

  it('functions: jsonencode, merge, concat, flatten, format, join, replace, lookup, try, templatefile', () => {
    // keys sorted, as Terraform's jsonencode does; a policy built with jsonencode is read as the object itself
    expect(evaluate('"p=${jsonencode({ b = [1, true, null], a = "x" })}"')).toBe('p={"a":"x","b":[1,true,null]}');
    expect(evaluate('jsonencode({ Version = "2012-10-17" })')).toEqual({ Version: '2012-10-17' });
    expect(evaluate('merge({ a = 1 }, { b = 2 }, { a = 3 })')).toEqual({ a: 3, b: 2 });
    expect(evaluate('flatten(concat(["a"], [["b", ["c"]]]))')).toEqual(['a', 'b', 'c']);
    expect(evaluate('format("arn:%s:iam::%s:role/%s", "aws", 123, "r")')).toBe('arn:aws:iam::123:role/r');
    expect(evaluate('join(",", distinct(["a", "b", "a"]))')).toBe('a,b');
    expect(evaluate('replace("a-b-c", "/-(\\\\w)/", "_$1")')).toBe('a_b_c');
    expect(evaluate('lookup({ a = 1 }, "b", 2)')).toBe(2);
    expect(evaluate('try(local.missing, "fallback")')).toBe('fallback');
    expect(evaluate('jsondecode("{\\"a\\": [1]}")')).toEqual({ a: [1] });
    expect(JSON.parse(`[${evaluate('templatefile("policies/actions.tpl", { actions = ["s3:GetObject", "s3:PutObject"] })') as string}]`)).toEqual([
      's3:GetObject',
      's3:PutObject',
      'sts:GetCallerIdentity',
    ]);
  });

  it('values known only after apply become well-formed stand-ins, never wildcards', () => {
    const extra = 'resource "aws_iam_role" "r" {\n  name = "deployer"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-logs"\n}';
    expect(evaluate('aws_iam_role.r.arn', extra)).toBe('arn:aws:iam::123456789012:role/deployer');
    expect(evaluate('"${aws_s3_bucket.b.arn}/*"', extra)).toBe('arn:aws:s3:::acme-logs/*');
    // a template rendered with a value known only after apply: the stand-in takes its place
    expect(JSON.parse(`[${evaluate('templatefile("policies/actions.tpl", { actions = [aws_iam_role.r.arn] })', extra) as string}]`)).toEqual([
      'arn:aws:iam::123456789012:role/deployer',
      'sts:GetCallerIdentity',
    ]);
    expect(evaluate('data.aws_partition.current.partition')).toBe('aws');
    // jsonencode of an unknown list inside a JSON heredoc keeps the document valid JSON
    const doc = evaluate('jsondecode(<<EOF\n{ "Resource": ${jsonencode(var.arns)} }\nEOF\n)', 'variable "arns" {\n  type = list(string)\n}');
    expect(doc).toEqual({ Resource: 'tf-placeholder-arns' });
    const v = evaluate('timestamp()') as string;
    expect(v).toMatch(/^tf-unknown-value-\d+$/);
  });

  it('syntax errors carry the offset of the problem', () => {
    const bad = (t: string) => {
      try {
        parseHcl(t);
      } catch (e) {
        if (e instanceof HclSyntaxError) return [t.slice(0, e.offset).split('\n').length, e.message];
        throw e;
      }
      return undefined;
    };
    expect(bad('resource "a" "b" {\n  x = 1\n')).toEqual([3, 'unclosed block: expected "}"']);
    expect(bad('x = "abc\n')).toEqual([1, 'unterminated string: a quoted string cannot span lines (use a heredoc)']);
    expect(bad('x = <<EOF\nabc\n')).toEqual([1, 'unterminated heredoc: no closing line "EOF"']);
    expect(bad('x = 1 2\n')).toEqual([1, 'expected a new line after the attribute or block, found "2"']);
    expect(bad('a {\n  b = [1, 2\n}\n')).toEqual([3, 'expected "," or "]" in the list, found "}"']);
  });

  it('reusable-module values the caller sets: empty defaults are unknown, unknown conditions keep both list branches', () => {
    const vars = 'variable "arns" {\n  default = []\n}\nvariable "cmk" {\n  type = bool\n}\nvariable "prefix" {\n  default = ""\n}';
    expect(evaluate('var.arns', vars)).toBe('tf-placeholder-arns');
    expect(evaluate('"arn:aws:s3:::${var.prefix}-logs"', vars)).toBe('arn:aws:s3:::tf-placeholder-prefix-logs');
    expect(evaluate('concat([{ Sid = "Base" }], var.cmk ? [{ Sid = "Kms" }] : [])', vars)).toEqual([{ Sid: 'Base' }, { Sid: 'Kms' }]);
    expect(evaluate('var.cmk ? "a" : "a"', vars)).toBe('a');
    // a directive on an input renders both ways: a token listing both texts, resolved where it decides access
    expect(evaluate('"[1%{ if var.cmk },2%{ endif }]"', vars)).toMatch(/^tf-either-value-\d+$/);
  });
});
