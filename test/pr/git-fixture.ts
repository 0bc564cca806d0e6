/** A throwaway git repository with base and head commits, and the PR file list GitHub would show for it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakePullFile } from '../fakes/github-server.js';

export class GitFixture {
  readonly dir: string;
  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-pr-'));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'dev@example.com');
    this.git('config', 'user.name', 'Dev');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** Write (or delete, with null) files and commit; returns the commit SHA. */
  commit(files: Record<string, string | null>, message: string): string {
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(this.dir, rel);
      if (text === null) rmSync(abs, { force: true });
      else {
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  checkout(ref: string): void {
    this.git('checkout', '-q', ref);
  }

  /** What `GET /pulls/{n}/files` returns for base...head (patch per file, as GitHub computes it with git). */
  pullFiles(base: string, head: string): FakePullFile[] {
    const out: FakePullFile[] = [];
    const status = this.git('diff', '--name-status', '-M', `${base}...${head}`).split('\n').filter(Boolean);
    for (const line of status) {
      const [code, a, b] = line.split('\t') as [string, string, string | undefined];
      const filename = b ?? a;
      const st = code.startsWith('A') ? 'added' : code.startsWith('D') ? 'removed' : code.startsWith('R') ? 'renamed' : 'modified';
      const patchRaw = this.git('diff', '-U3', '-M', `${base}...${head}`, '--', ...(b ? [a, b] : [a]));
      const at = patchRaw.indexOf('\n@@');
      out.push({
        filename,
        status: st,
        ...(b ? { previous_filename: a } : {}),
        ...(at >= 0 ? { patch: patchRaw.slice(at + 1) } : {}),
      });
    }
    return out;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A policy file whose lines are predictable: one statement per entry, 6 lines each starting at line 4. */
export function policy(statements: { sid?: string; action: string | string[]; resource?: string }[]): string {
  const body = statements
    .map((s) => {
      const lines = ['    {'];
      if (s.sid) lines.push(`      "Sid": ${JSON.stringify(s.sid)},`);
      lines.push('      "Effect": "Allow",');
      lines.push(`      "Action": ${JSON.stringify(s.action)},`);
      lines.push(`      "Resource": ${JSON.stringify(s.resource ?? defaultResource(s.action))}`);
      lines.push('    }');
      return lines.join('\n');
    })
    .join(',\n');
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${body}\n  ]\n}\n`;
}

/** A realistic resource for the first action's service (a wildcard only where the action is one). */
function defaultResource(action: string | string[]): string {
  const first = Array.isArray(action) ? action[0]! : action;
  const svc = first.split(':')[0];
  if (first === '*' || first.endsWith(':*')) return '*';
  switch (svc) {
    case 's3': return 'arn:aws:s3:::acme-app-data/*';
    case 'sqs': return 'arn:aws:sqs:eu-west-1:111122223333:jobs';
    case 'sns': return 'arn:aws:sns:eu-west-1:111122223333:alerts';
    case 'logs': return 'arn:aws:logs:eu-west-1:111122223333:log-group:/app/*';
    case 'kms': return 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    case 'cloudformation': return 'arn:aws:cloudformation:eu-west-1:111122223333:stack/app/*';
    default: return '*';
  }
}
