/**
 * The file-by-file flow analyses what needs its neighbours unit by unit (src/stream-units.ts): a repository whose
 * held files form several units (Terraform modules, one calling a local module another module calls too; a raw
 * policy a Terraform `file()` reads; SCPs and RCPs known by path and by the configuration, with findings of their
 * own, one read by a Terraform organisations policy; a nested stack whose child path is computed;
 * raw policies of their own with notes) reports what the whole-run flow (every file in one analysis) reports, byte
 * for byte, and the units are the ones the cross-file stages need.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { extractTexts } from '../../src/analysis.js';
import { repoAccess } from '../../src/sources/affected.js';
import { heldUnits, unitByUnit } from '../../src/stream-units.js';
import { unitLinks } from '../../src/shard/units.js';
import { FIXED_NOW } from '../golden/golden.js';
import { FILES, repository } from './held-repo.js';


const load = (root: string) => {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  return options;
};

describe('held files analysed unit by unit', () => {
  it('report the whole-run flow reports, byte for byte', async () => {
    const root = repository();
    const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0');
    for (const listPolicies of [true, false]) {
      const whole = await runGate(['.'], load(root));
      const spool = new JsonReportSpool({ listPolicies });
      const s = await runGate(['.'], load(root), { stream: { sink: spool } });
      expect(s.streamed).toBeTruthy();
      let streamed = '';
      spool.write(s, (t) => (streamed += t));
      expect(blank(streamed)).toBe(blank(JSON.stringify(toJsonReport(whole, { listPolicies }), null, 2) + '\n'));
      expect(whole.findings.length).toBeGreaterThan(8);
    }
  });

  it('keep together what the cross-file stages read, and nothing else', async () => {
    const root = repository();
    const options = load(root);
    const rels = Object.keys(FILES).filter((r) => r.endsWith('.json') || r.endsWith('.tf') || r.endsWith('.yaml')).sort();
    const xs = await extractTexts(
      rels.map((rel) => ({ rel, text: FILES[rel]!, explicit: false })),
      options,
      repoAccess(options),
    );
    const scanned = new Set(rels);
    const units = heldUnits(xs, xs.map((x) => unitLinks(x.text.rel, FILES[x.text.rel]!, scanned)), options).map((u) => u.map((k) => rels[k]!));
    const unitOf = (rel: string) => units.find((u) => u.includes(rel))!;
    // callers of one local module, and the raw file a Terraform file() reads
    expect(unitOf('app/main.tf')).toEqual(['app/main.tf', 'modules/common/main.tf', 'ops/main.tf', 'policies/read-by-tf.json']);
    // SCP/RCP files: each a unit of its own (the organisation stage reads the run's kept records, not a unit's),
    // joined only with what reads them (a Terraform organisations policy's file())
    for (const alone of ['scps/region.json', 'org/guard.json', 'scps/dup-sid.json', 'rcps/data.json']) expect(unitOf(alone)).toEqual([alone]);
    expect(unitOf('orgtf/main.tf')).toEqual(['orgtf/main.tf', 'scps/read-by-org-tf.json']);
    // a nested stack whose child path only the extractor resolves
    expect(unitOf('stacks/parent.yaml')).toEqual(['stacks/kid.yaml', 'stacks/parent.yaml']);
    for (const alone of ['a-raw.json', 'other/main.tf', 'policies/alone.json', 'z-raw.json']) expect(unitOf(alone)).toEqual([alone]);
    expect(units.length).toBeGreaterThanOrEqual(8);
  });

  it('come back one by one from their packed copy as they were grouped (empty units and none at all too)', () => {
    for (const units of [[], [[0]], [[0, 2, 5], [1], [], [3, 4], [6, 7, 8, 9]], Array.from({ length: 500 }, (_, i) => [i * 3, i * 3 + 1, i * 3 + 2])]) {
      const copy = units.map((u) => [...u]);
      expect([...unitByUnit(units)]).toEqual(copy);
    }
  });
});
