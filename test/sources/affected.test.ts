/** What each file's extraction reads is recorded, the same on every extraction (no cache may skip a read). */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractTexts } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { containedPath, listRepoDir, readRepoFile } from '../../src/text/read.js';
import { changeScope, dependsOnChange } from '../../src/sources/affected.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-inputs-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    writeFileSync(path.join(d, rel), text);
  }
  return d;
}

describe('recorded inputs', () => {
  it('a Terraform file reads its module siblings, tfvars and file() targets, and lists its directory: every time', async () => {
    dir = tree({
      'infra/main.tf': 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/../docs/p.txt")\n}\n',
      'infra/vars.tf': 'variable "x" {\n  default = 1\n}\n',
      'infra/terraform.tfvars': 'x = 2\n',
      'infra/README.md': '# infra\n',
      'docs/p.txt': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    });
    const options = defaultOptions(dir);
    const repo = { read: (rel: string) => readRepoFile(dir!, rel, options.maxFileBytes), list: (d: string) => listRepoDir(dir!, d) };
    const text = { rel: 'infra/main.tf', text: readRepoFile(dir, 'infra/main.tf', options.maxFileBytes), explicit: false };
    const [a] = await extractTexts([text], options, repo);
    const [b] = await extractTexts([text], options, repo);
    expect([...a!.inputs.reads].sort()).toEqual(['docs/p.txt', 'infra/main.tf', 'infra/terraform.tfvars', 'infra/vars.tf']);
    expect([...b!.inputs.reads].sort()).toEqual([...a!.inputs.reads].sort());
    // the module directory, and the folders where Terraform var files are looked for (each var file is an input set)
    expect([...a!.inputs.lists]).toContain('infra');
    expect([...a!.inputs.lists].every((d) => d === 'infra' || d.startsWith('infra/'))).toBe(true);
    expect(a!.result!.policies[0]!.inputs).toEqual(['docs/p.txt', 'infra/main.tf', 'infra/terraform.tfvars', 'infra/vars.tf']);

    const scope = (files: { path: string; status: 'added' | 'modified' | 'removed' | 'renamed'; previousPath?: string }[]) => changeScope(files);
    expect(dependsOnChange(a!.inputs, scope([{ path: 'docs/p.txt', status: 'modified' }]))).toBe(true);
    expect(dependsOnChange(a!.inputs, scope([{ path: 'infra/README.md', status: 'modified' }]))).toBe(false);
    // a file appearing in (or leaving) the module directory changes what the module is made of
    expect(dependsOnChange(a!.inputs, scope([{ path: 'infra/prod.auto.tfvars', status: 'added' }]))).toBe(true);
    expect(dependsOnChange(a!.inputs, scope([{ path: 'infra/old.tf', status: 'removed' }]))).toBe(true);
    expect(dependsOnChange(a!.inputs, scope([{ path: 'other/x.tf', status: 'renamed', previousPath: 'infra/x.tf' }]))).toBe(true);
    expect(dependsOnChange(a!.inputs, scope([{ path: 'other/x.tf', status: 'added' }]))).toBe(false);
  });

  it('a read through a symlink depends on the target, and on the link itself', async () => {
    dir = tree({
      'infra/main.tf': 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/shared/admin.json")\n}\n',
      'examples/admin.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    });
    symlinkSync('../examples', path.join(dir, 'infra/shared'));
    const options = defaultOptions(dir);
    const repo = {
      read: (rel: string) => readRepoFile(dir!, rel, options.maxFileBytes),
      list: (d: string) => listRepoDir(dir!, d),
      resolve: (rel: string) => {
        const c = containedPath(dir!, path.resolve(dir!, rel));
        return 'error' in c ? undefined : c.rel;
      },
    };
    const [a] = await extractTexts([{ rel: 'infra/main.tf', text: readRepoFile(dir, 'infra/main.tf', options.maxFileBytes), explicit: false }], options, repo);
    expect([...a!.inputs.reads]).toContain('examples/admin.json');
    expect(dependsOnChange(a!.inputs, changeScope([{ path: 'examples/admin.json', status: 'modified' }]))).toBe(true);
    expect(dependsOnChange(a!.inputs, changeScope([{ path: 'infra/shared', status: 'modified' }]))).toBe(true);
  });
});
