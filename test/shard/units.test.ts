import { describe, expect, it } from 'vitest';
import { buildUnits } from '../../src/shard/units.js';
import { assignUnits, BALANCE_TOLERANCE, parseShardSpec } from '../../src/shard/assign.js';
import type { Unit } from '../../src/shard/units.js';

const opts = { policyTypes: [] };
const units = (files: Record<string, string>) => buildUnits(Object.entries(files).map(([rel, text]) => ({ rel, text })), opts).map((u) => u.files);

describe('shard units', () => {
  it('keeps a Terraform module with the local modules it calls, and every caller of a shared module together', () => {
    const u = units({
      'live/a/main.tf': 'module "x" {\n  source = "../../modules/x"\n}\n',
      'live/a/variables.tf': 'variable "v" {}\n',
      'live/b/main.tf': 'module "x" {\n  source = "../../modules/x"\n}\n',
      'live/c/main.tf': 'resource "aws_iam_policy" "p" {}\n',
      'modules/x/main.tf': 'resource "aws_iam_policy" "p" {}\n',
      'modules/x/nested/main.tf': 'resource "aws_iam_policy" "q" {}\n',
    });
    expect(u).toContainEqual(['live/a/main.tf', 'live/a/variables.tf', 'live/b/main.tf', 'modules/x/main.tf']);
    expect(u).toContainEqual(['live/c/main.tf']);
    expect(u).toContainEqual(['modules/x/nested/main.tf']);
  });

  it('keeps a nested-stack family, an include and a file() target with the file that names them', () => {
    const u = units({
      'stacks/parent.yaml': 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./children/child.yaml\n',
      'stacks/children/child.yaml': 'Resources:\n  Grand:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: grand.yaml\n',
      'stacks/children/grand.yaml': 'Resources: {}\n',
      'tf/main.tf': 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/policies/p.json")\n}\n',
      'tf/policies/p.json': '{"Version":"2012-10-17","Statement":[]}',
      'other.yaml': 'Resources: {}\n',
    });
    expect(u).toContainEqual(['stacks/children/child.yaml', 'stacks/children/grand.yaml', 'stacks/parent.yaml']);
    expect(u).toContainEqual(['tf/main.tf', 'tf/policies/p.json']);
    expect(u).toContainEqual(['other.yaml']);
  });

  it('keeps a committed plan with the nearest Terraform configuration above it', () => {
    const plan = '{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{}}';
    const u = units({ 'infra/main.tf': 'resource "aws_iam_policy" "p" {}\n', 'infra/plans/prod/tfplan.json': plan, 'infra/other/main.tf': '\n', 'lonely/tfplan.json': plan });
    expect(u).toContainEqual(['infra/main.tf', 'infra/plans/prod/tfplan.json']);
    expect(u).toContainEqual(['infra/other/main.tf']);
    expect(u).toContainEqual(['lonely/tfplan.json']);
  });

  it('puts raw SCP and RCP files in one organisation unit; other raw policies and plans are units of their own', () => {
    const u = units({ 'scps/deny-root.json': '{}', 'org/rcp-tls.json': '{}', 'policies/a.json': '{}', 'plan/tfplan.json': '{}' });
    expect(u).toContainEqual(['org/rcp-tls.json', 'scps/deny-root.json']);
    expect(u).toContainEqual(['policies/a.json']);
    expect(u).toContainEqual(['plan/tfplan.json']);
  });
});

describe('shard assignment', () => {
  const tree: Record<string, string> = {};
  for (let i = 0; i < 40; i++) tree[`t/f${i}.yaml`] = 'x'.repeat(((i * 7919) % 97) + 1);
  for (let i = 0; i < 6; i++) tree[`m${i}/main.tf`] = 'y'.repeat(300 + i);

  it('covers every unit exactly once, for every shard count, whatever the order of the files', () => {
    const all = buildUnits(Object.entries(tree).map(([rel, text]) => ({ rel, text })), opts);
    const reversed = buildUnits(Object.entries(tree).reverse().map(([rel, text]) => ({ rel, text })), opts);
    for (const n of [1, 2, 3, 5, 8, 64]) {
      const shards = assignUnits(all, n);
      expect(assignUnits(reversed, n)).toEqual(shards);
      const seen = new Map<string, number>();
      for (let s = 1; s <= n; s++) all.forEach((u, i) => shards[i] === s && u.files.forEach((f) => seen.set(f, (seen.get(f) ?? 0) + 1)));
      expect([...seen.keys()].sort()).toEqual(Object.keys(tree).sort());
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
      // balanced: no shard above the tolerance over the average, or the average and one unit
      const load = Array.from({ length: n }, (_, s) => all.reduce((b, u, i) => b + (shards[i] === s + 1 ? u.bytes : 0), 0));
      const avg = load.reduce((a, b) => a + b, 0) / n;
      const biggest = all.reduce((m, u) => Math.max(m, u.bytes), 0);
      expect(Math.max(...[0, ...load].slice(1))).toBeLessThanOrEqual(Math.max(avg * (1 + BALANCE_TOLERANCE), avg + biggest));
    }
  });

  it('keeps each unit on its shard when other units are added, balanced within the tolerance', () => {
    // 3,000 units of 1-20 KB (a repository), then 30 more (a commit adding files)
    const unit = (key: string, i: number): Unit => ({ key, files: [key.slice(5)], bytes: 1000 + ((i * 7919) % 19_000) });
    const before = Array.from({ length: 3000 }, (_, i) => unit(`file:src/${String(i).padStart(4, '0')}.json`, i));
    const added = Array.from({ length: 30 }, (_, i) => unit(`file:src/${String(i * 97).padStart(4, '0')}b.json`, i + 5000));
    const after = [...before, ...added].sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const n of [4, 8, 16]) {
      const first = assignUnits(before, n);
      const was = new Map(before.map((u, i) => [u.key, first[i]]));
      const now = assignUnits(after, n);
      const moved = after.filter((u, i) => was.has(u.key) && was.get(u.key) !== now[i]).length;
      expect(moved, `${n} shards`).toBeLessThanOrEqual(before.length * 0.02);
      const load = Array.from({ length: n }, (_, s) => after.reduce((b, u, i) => b + (now[i] === s + 1 ? u.bytes : 0), 0));
      const avg = load.reduce((a, b) => a + b, 0) / n;
      for (const l of load) expect(l).toBeLessThanOrEqual(avg * (1 + BALANCE_TOLERANCE));
    }
  });

  it('puts copies of one unit (same content) in one shard, whatever their paths', () => {
    const copies = (d: string, n: number): Unit[] => Array.from({ length: n }, (_, i) => ({ key: `file:env${i}/${d}.json`, files: [`env${i}/${d}.json`], bytes: 1000, content: d }));
    // 60 files in 3 copies each (a shard's room, 5% over the average, can split a few groups near the end)
    const names = Array.from({ length: 60 }, (_, i) => `p${i}`);
    const all = names.flatMap((d) => copies(d, 3)).sort((x, y) => (x.key < y.key ? -1 : 1));
    const shards = assignUnits(all, 4);
    const together = names.filter((d) => new Set(all.flatMap((u, i) => (u.content === d ? [shards[i]] : []))).size === 1);
    expect(together.length).toBeGreaterThanOrEqual(54);
  });

  it('reads I/N and refuses anything else', () => {
    expect(parseShardSpec('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/999']) expect(() => parseShardSpec(bad)).toThrow(/shard/);
  });
});

describe('shard units on hostile content', () => {
  it('reads a long run of path characters without a path in it, and a file full of names, in bounded work', () => {
    const long = 'a'.repeat(400_000) + '\n' + 'b/'.repeat(200_000);
    const names = Array.from({ length: 50_000 }, (_, i) => `./x${i}.json`).join(' ');
    const u = units({ 'hostile.yaml': long, 'names.yaml': names, 'x1.json': '{}' });
    expect(u).toContainEqual(['hostile.yaml']);
    expect(u).toContainEqual(['names.yaml', 'x1.json']);
  });
});
