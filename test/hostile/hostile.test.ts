/**
 * Hostile files through the whole gate: no crash, no hang (the code's own limits end it with an error; a case that
 * hangs fails by the test timeout; speed is measured in bench/hostile.bench.ts), one clear error naming the file, the
 * other files still analysed, the verdict never pass, nothing outside the repository read (canary), and the
 * reports render with everything escaped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { toSarif } from '../../src/report/sarif.js';
import { toAnnotations } from '../../src/report/annotations.js';
import { hostileCases } from './generate.js';
import { represented } from '../../src/findings/summarise.js';
import { recordFigure } from './figures.js';

const CANARY = 'CANARY-SECRET-7f3a9c';
const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);

// hangs: a case that does not finish fails by the test timeout (it is then not counted as passed)
const stats = { inputs: 0, crashes: 0, hangs: 0, missingErrors: 0 };
const base = mkdtempSync(path.join(tmpdir(), 'ipg-hostile-'));
const canaryFile = path.join(base, 'canary.json');
writeFileSync(canaryFile, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: CANARY, Effect: 'Allow', Action: '*', Resource: '*' }] }));

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  recordFigure({ suite: 'hostile files', ...stats });
});

describe('hostile files', () => {
  let n = 0;
  for (const c of hostileCases()) {
    it(c.name, async () => {
      stats.inputs++;
      const root = path.join(base, `repo-${n++}`);
      mkdirSync(root, { recursive: true });
      for (const [rel, body] of Object.entries(c.files)) {
        const abs = path.join(root, rel);
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, typeof body === 'string' ? body.replaceAll('CANARY_PATH', canaryFile) : body);
      }
      for (const l of c.symlinksToCanary ?? []) symlinkSync(canaryFile, path.join(root, l));
      // a good file beside the hostile one must still be analysed
      writeFileSync(path.join(root, 'good-admin.json'), GOOD);
      const scan = [...(c.scan ?? Object.keys(c.files)), 'good-admin.json'];
      let result;
      try {
        result = await runGate(scan, defaultOptions(root));
      } catch (e) {
        stats.crashes++;
        throw e;
      }

      const hostileFiles = new Set([...(c.scan ?? Object.keys(c.files)), ...Object.keys(c.files)]);
      const erroredOn = result.errors.filter((e) => hostileFiles.has(e.file));
      if (c.mustError && erroredOn.length === 0) stats.missingErrors++;
      if (c.mustError) {
        expect(erroredOn.map((e) => e.message), 'an error naming the hostile file').not.toEqual([]);
        expect(result.verdict.status).not.toBe('pass');
      }
      if (c.errorMatches) expect(erroredOn.map((e) => e.message).join('\n')).toMatch(c.errorMatches);
      if (c.represents) {
        const { ruleId, count } = c.represents;
        expect(result.findings.filter((f) => f.ruleId === ruleId).reduce((n, f) => n + represented(f), 0), `${ruleId} findings accounted for`).toBe(count);
      }
      // the report as the CLI writes it by default (policy documents listed only with --list-policies)
      if (c.reportBytesAtMost) expect(JSON.stringify(toJsonReport(result, { listPolicies: false })).length).toBeLessThan(c.reportBytesAtMost);
      for (const file of c.adminIn ?? []) expect(result.findings.some((f) => f.file === file && f.ruleId === 'admin-wildcard'), `admin-wildcard in ${file}`).toBe(true);
      // the good file beside it was analysed
      expect(result.findings.some((f) => f.file === 'good-admin.json' && f.ruleId === 'admin-wildcard')).toBe(true);
      expect(result.verdict.status).not.toBe('pass');

      const outputs = [
        JSON.stringify(toJsonReport(result)),
        toMarkdown(result),
        JSON.stringify(toSarif(result)),
        toAnnotations(result),
      ];
      for (const o of outputs) expect(o.includes(CANARY), 'nothing outside the repository is read').toBe(false);
      const md = outputs[1]!.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, '');
      expect(md).not.toMatch(/<(?!\/?(?:br|sub|details|summary|b|code)>)/);
    });
  }
});
