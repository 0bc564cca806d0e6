/**
 * A file-by-file scan keeps the files it holds for their neighbours on disk (src/stream-held.ts), its findings
 * on disk in sorted runs (src/findings/runs.ts), the report entries of held files
 * on disk (src/report/json-stream.ts), and the places of its findings as keyed digests (src/findings/spots.ts). The
 * report is the same byte for byte whichever of them spill and from where; a spill that cannot be written or read
 * back makes the verdict incomplete and drops nothing silently.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import type { GateRun } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { analyseStreaming } from '../../src/stream.js';
import { HeldStore } from '../../src/stream-held.js';
import { SpotSet } from '../../src/findings/spots.js';
import { packSourceMap } from '../../src/stream-views.js';
import { MapSourceMap } from '../../src/policy/source-map.js';
import { expandPaths } from '../../src/sources/files.js';
import { WalkList } from '../../src/sources/walk-list.js';
import { repoAccess } from '../../src/sources/affected.js';
import type { AnalysisError } from '../../src/result.js';
import { FIXED_NOW } from '../golden/golden.js';
import { repository } from './held-repo.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const load = (root: string) => {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  return options;
};
const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0');

async function streamed(root: string, stream: NonNullable<GateRun['stream']>): Promise<string> {
  const spool = new JsonReportSpool({ listPolicies: true });
  const r = await runGate(['.'], load(root), { stream: { ...stream, sink: spool }, workers: 0 });
  let json = '';
  spool.write(r, (t) => (json += t));
  return blank(json);
}

describe('held files, findings and report entries spilled to disk', () => {
  it('the same JSON report as the whole-run flow, whatever spills and from where', async () => {
    const root = repository();
    const whole = blank(JSON.stringify(toJsonReport(await runGate(['.'], load(root)), { listPolicies: true }), null, 2) + '\n');
    expect(whole).toContain('"ruleId"');
    for (const holdAfter of [0, 1, 3, Infinity]) for (const spillAfter of [0, 1, Infinity]) expect(await streamed(root, { holdAfter, spillAfter })).toBe(whole);
  });

  it('held files that cannot be written: analysed from memory, every finding reported, the verdict incomplete', async () => {
    const root = repository();
    const kept = await runGate(['.'], load(root), { stream: { holdAfter: Infinity }, workers: 0 });
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(root, 'no such folder');
    let r;
    try {
      r = await runGate(['.'], load(root), { stream: { holdAfter: 0, spillAfter: Infinity }, workers: 0 });
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(kept.verdict.status).not.toBe('incomplete');
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/files analysed with their neighbours could not be written/);
    expect(r.findings.map((f) => [f.fingerprint, f.message])).toEqual(kept.findings.map((f) => [f.fingerprint, f.message]));
  });

  it('held files whose temporary file is gone before their units are analysed: each named, the verdict incomplete', async () => {
    const root = repository();
    const options = load(root);
    const { files } = expandPaths(['.'], options);
    const held = files.length;
    const store = new HeldStore(0);
    const errors: AnalysisError[] = [];
    // the loop closes its runner after the last file, before the held units: here the store goes with it
    const runner = { outcome: () => Promise.resolve({ kind: 'local' as const }), close: () => {
        store.settle();
        store.dispose();
        return Promise.resolve();
      },
    };
    const out = await analyseStreaming(WalkList.from(files), options, repoAccess(options), errors, undefined, runner, undefined, store);
    const lost = errors.filter((e) => /^not analysed: the temporary file it was held in/.test(e.message)).map((e) => e.file);
    expect(lost).toEqual(expect.arrayContaining(['a-raw.json', 'z-raw.json', 'app/main.tf', 'scps/region.json']));
    expect(lost.length).toBeLessThan(held);
    // the files analysed on their own are still there
    expect(out.head.findings.some((f) => f.file === 'stacks/kid.yaml')).toBe(true);
    const r = await runGate(['.'], options, { stream: { holdAfter: Infinity }, workers: 0 });
    expect(r.verdict.status).not.toBe('incomplete');
  });
});

describe('held files carry nothing the input can spell', () => {
  it('a key in a policy that looks like a marker of the store stays a key (same findings held or not)', async () => {
    const root = tmpRepo({
      'a.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', '\u0000iam-gate-proto': 0 }] }),
      'b.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { '\u0000iam-gate-proto': 0 } }] }),
      'c.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', __proto__x: 1, constructor: 7 }] }),
    });
    const whole = blank(JSON.stringify(toJsonReport(await runGate(['.'], load(root)), { listPolicies: true }), null, 2) + '\n');
    const ruleIds = (JSON.parse(whole) as { findings: { file: string; ruleId: string }[] }).findings.map((f) => `${f.file} ${f.ruleId}`);
    expect(ruleIds.filter((r) => r.startsWith('a.json')).length).toBeGreaterThan(0);
    expect(ruleIds.filter((r) => r.startsWith('b.json')).length).toBeGreaterThan(0);
    for (const holdAfter of [0, Infinity]) expect(await streamed(root, { holdAfter, spillAfter: Infinity })).toBe(whole);
  });
});

describe('finding places as keyed digests', () => {
  it('keys that differ only in lone surrogates are different places', () => {
    const spots = new SpotSet();
    spots.add('rule\u0000iam:PassRole\ud800');
    expect(spots.has('rule\u0000iam:PassRole\udc00')).toBe(false);
    expect(spots.has('rule\u0000iam:PassRole\ufffd')).toBe(false);
    expect(spots.has('rule\u0000iam:PassRole\ud800')).toBe(true);
  });


  it('tells every place apart, however many, and knows each it was given', () => {
    const spots = new SpotSet();
    const key = (i: number) => ['rule', `file-${i % 97}.yaml`, i, i + 1, '', `/Statement/${i}`, `message ${i}`].join('\u0000');
    for (let i = 0; i < 20_000; i += 2) spots.add(key(i));
    for (let i = 0; i < 20_000; i++) expect(spots.has(key(i))).toBe(i % 2 === 0);
    expect(spots.size).toBe(10_000);
    // a place added twice is one place
    spots.add(key(0));
    expect(spots.size).toBe(10_000);
    // two runs key their digests differently, and agree on what they were given
    const other = new SpotSet();
    other.add(key(1));
    expect(other.has(key(1)) && !other.has(key(0))).toBe(true);
  });
});

describe('the packed source map of a kept SCP record', () => {
  it('answers every question as the map it packs', () => {
    const span = (l: number, c: number, file = 'org/scp.json') => ({ file, start: { line: l, column: c }, end: { line: l + 1, column: c + 2 } });
    const map = new MapSourceMap(span(1, 1));
    const ptrs = ['/Statement', '/Statement/0', '/Statement/0/Action', '/Statement/0/Action/1', '/Statement/1/Condition/StringNotEquals/aws:RequestedRegion', '/Statement/10', '/Z~1x', '/é'];
    ptrs.forEach((p, k) => map.set(p, span(k + 2, k + 3, k === 6 ? 'other.json' : 'org/scp.json')));
    const packed = packSourceMap(map);
    expect(packed).not.toBe(map);
    expect(packed.pointers()).toEqual(map.pointers());
    for (const p of [...ptrs, '', '/Statement/0/Action/0', '/Statement/2/Effect', '/Statement/1', '/nothing/here', '/Statement/10/Sid']) {
      expect(packed.get(p)).toEqual(map.get(p));
      expect(packed.locate(p)).toEqual(map.locate(p));
    }
  });
});
