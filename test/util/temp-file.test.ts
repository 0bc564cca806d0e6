/** A run's temporary files leaves nothing in the temporary folder, even while the run is still using it. */
import { closeSync, existsSync, readdirSync, readSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPrivateTemp } from '../../src/util/temp-file.js';
import { FindingRuns } from '../../src/findings/runs.js';
import type { Finding } from '../../src/findings/types.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';

describe('private temporary files', () => {
  it.skipIf(process.platform === 'win32')('are gone from the file system at once, and still read and written through their descriptor', () => {
    const before = new Set(readdirSync(os.tmpdir()));
    const t = openPrivateTemp('iam-gate-test-', 'x');
    expect(t.dir).toBeUndefined();
    expect(readdirSync(os.tmpdir()).filter((n) => !before.has(n) && n.startsWith('iam-gate-test-'))).toEqual([]);
    writeSync(t.fd, Buffer.from('spilled'), 0, 7, 0);
    const back = Buffer.alloc(7);
    readSync(t.fd, back, 0, 7, 0);
    expect(back.toString()).toBe('spilled');
    closeSync(t.fd);
  });

  it('a temporary folder that does not exist is an error for the caller (who makes the run incomplete)', () => {
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(os.tmpdir(), 'no-such-folder-' + process.pid);
    try {
      expect(existsSync(process.env.TMPDIR)).toBe(false);
      expect(() => openPrivateTemp('iam-gate-test-', 'x')).toThrow();
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
  });

  it.skipIf(process.platform === 'win32')('findings on disk in sorted runs leave no folder behind', () => {
    const before = new Set(readdirSync(os.tmpdir()));
    const runs = new FindingRuns(100, (a, b) => a.line - b.line);
    for (let i = 0; i < 2000; i++) runs.put({ ruleId: 'r', severity: 'warning', file: 'a.json', line: 1999 - i, message: `finding ${i} `.padEnd(100, '.'), fingerprint: `f${i}` } as unknown as Finding);
    expect(runs.settle()).toBeUndefined();
    const back = [...runs.merged()];
    expect(back[0]!.message).toBe('finding 1999 '.padEnd(100, '.'));
    expect(back[7]!.line).toBe(7);
    expect(readdirSync(os.tmpdir()).filter((n) => !before.has(n) && n.startsWith('iam-gate-findings-'))).toEqual([]);
    runs.dispose();
  });

  it.skipIf(process.platform === 'win32')('a JSON report spool in use leaves no folder behind', () => {
    const before = new Set(readdirSync(os.tmpdir()));
    const spool = new JsonReportSpool();
    expect(readdirSync(os.tmpdir()).filter((n) => !before.has(n) && n.startsWith('iam-gate-report-'))).toEqual([]);
    spool.dispose();
  });
});
