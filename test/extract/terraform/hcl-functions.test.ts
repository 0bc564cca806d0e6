/**
 * Terraform's pure built-in functions as Terraform computes them, RE2 regular expressions in linear time, and
 * functions the gate does not evaluate (clock, randomness, a pattern outside the RE2 subset): unknown, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { HclModule } from '../../../src/extract/terraform/hcl-eval.js';
import type { HclFile } from '../../../src/extract/terraform/hcl-eval.js';
import { parseHcl } from '../../../src/extract/terraform/hcl-syntax.js';
import { lineStartsOf } from '../../../src/text/positions.js';

function module(expr: string): { m: HclModule; x: () => ReturnType<HclModule['local']> } {
  const text = `locals {\n  x = ${expr}\n}\n`;
  const file: HclFile = { repoPath: 'main.tf', display: 'main.tf', text, parsed: parseHcl(text), lineStarts: lineStartsOf(text) };
  const m = new HclModule({
    dir: '',
    files: [file],
    tfvars: new Map(),
    readRepoFile: () => {
      throw new Error('no files');
    },
    displayPath: (p) => p,
    ctx: { partition: 'aws', region: 'us-east-1', account: '123456789012' },
  });
  return { m, x: () => m.local('x') };
}

const evaluate = (expr: string): unknown => {
  const { m, x } = module(expr);
  return m.toJson(x(), '', new Map());
};

describe('Terraform pure functions', () => {
  it('encoding: base64, text in UTF-8/UTF-16, URL, CSV, YAML', () => {
    expect(evaluate('base64decode("czM6KiJ9")')).toBe('s3:*"}');
    expect(evaluate('base64encode("iam:*")')).toBe('aWFtOio=');
    expect(evaluate('textdecodebase64(textencodebase64("kms:Decrypt", "UTF-16LE"), "UTF-16LE")')).toBe('kms:Decrypt');
    expect(evaluate('textencodebase64("A", "UTF-16BE")')).toBe('AEE=');
    expect(evaluate('urlencode("a b&c/d")')).toBe('a+b%26c%2Fd');
    expect(evaluate('csvdecode("action,resource\\ns3:GetObject,\\"arn:aws:s3:::b/*\\"\\n")')).toEqual([{ action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' }]);
    expect(evaluate('yamldecode("Effect: Allow\\nAction: [\\"iam:*\\"]\\n")')).toEqual({ Effect: 'Allow', Action: ['iam:*'] });
    expect(evaluate('strrev("*:mai")')).toBe('iam:*');
  });

  it('hashes, uuidv5, numbers, collections', () => {
    expect(evaluate('md5("a")')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(evaluate('sha256("")')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(evaluate('uuidv5("dns", "www.terraform.io")')).toBe('a5008fae-b28c-5ba5-96cd-82b4c53552d6');
    expect(evaluate('[parseint("ff", 16), pow(2, 10), signum(-3), sum([1, 2, 3]), log(8, 2)]')).toEqual([255, 1024, -1, 6, 3]);
    expect(evaluate('chunklist(["a", "b", "c"], 2)')).toEqual([['a', 'b'], ['c']]);
    expect(evaluate('setsubtract(["a", "b", "c"], ["b"])')).toEqual(['a', 'c']);
    expect(evaluate('setintersection(["a", "b"], ["b", "c"])')).toEqual(['b']);
    expect(evaluate('setproduct(["a"], ["x", "y"])')).toEqual([['a', 'x'], ['a', 'y']]);
    expect(evaluate('matchkeys(["i-1", "i-2"], ["us", "eu"], ["eu"])')).toEqual(['i-2']);
    expect(evaluate('transpose({ a = ["1", "2"], b = ["2"] })')).toEqual({ '1': ['a'], '2': ['a', 'b'] });
  });

  it('IP networks', () => {
    expect(evaluate('cidrsubnet("10.0.0.0/16", 8, 2)')).toBe('10.0.2.0/24');
    expect(evaluate('cidrhost("10.12.112.0/20", 16)')).toBe('10.12.112.16');
    expect(evaluate('cidrhost("10.12.112.0/20", -1)')).toBe('10.12.127.255');
    expect(evaluate('cidrnetmask("172.16.0.0/12")')).toBe('255.240.0.0');
    expect(evaluate('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)')).toEqual(['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']);
    expect(evaluate('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)')).toBe('fd00:fd12:3456:7800:a200::/72');
  });

  it('regex, regexall and replace follow RE2 (leftmost-first, Go expansion)', () => {
    expect(evaluate('regex("^arn:aws:iam::(\\\\d+):role/(.*)$", "arn:aws:iam::123456789012:role/ci/deploy")')).toEqual(['123456789012', 'ci/deploy']);
    expect(evaluate('regex("(?P<svc>[a-z0-9]+):(?P<act>.*)", "s3:GetObject")')).toEqual({ svc: 's3', act: 'GetObject' });
    expect(evaluate('regexall("[a-z0-9]+:\\\\*", "s3:* iam:* ec2:Describe*")')).toEqual(['s3:*', 'iam:*']);
    expect(evaluate('replace("s3:GetObject", "/Get(\\\\w+)/", "Put$1")')).toBe('s3:PutObject');
    expect(evaluate('replace("a.b.c", ".", "-")')).toBe('a-b-c');
    // leftmost-first, not longest: RE2 and Go pick the first alternative
    expect(evaluate('regex("(a|ab)(c|bcd)", "abcd")')).toEqual(['a', 'bcd']);
  });

  it('a nested quantifier on a long input is linear (no hang); a pattern outside the subset is unknown', () => {
    const long = 'a'.repeat(5000);
    expect(evaluate(`length(regexall("(a+)+$", "${long}b"))`)).toBe(0);
    const { x } = module('regex("\\\\pL+", "abc")');
    expect(x()).toMatchObject({ t: 'unknown', reason: expect.stringContaining('outside the RE2 subset') });
  });

  it('functions of the clock, randomness or the file system are unknown', () => {
    for (const f of ['timestamp()', 'uuid()', 'bcrypt("x")', 'filemd5("x")']) expect(module(f).x()).toMatchObject({ t: 'unknown' });
  });
});
