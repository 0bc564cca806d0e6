/**
 * The whole shared corpus through the gate (offline): every file is read, nothing crashes, and every file the
 * corpus manifest counts IAM-bearing resources in yields a policy or says why it could not (no silent pass).
 * Runs in `npm run test:corpus` only (test/vitest.corpus.config.ts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import type { GateResult } from '../../src/result.js';
import { loadOptions } from '../../src/config/load.js';
import { corpus } from '../helpers/corpus.js';
import { allRuleMeta } from '../../src/checks/registry.js';

const c = corpus();

describe(`the gate on the ${c.name}`, () => {
  let result: GateResult;
  const scan = async () => {
    if (result) return result;
    const { options } = loadOptions(c.root, c.root, undefined, { cli: { accessAnalyzer: 'off' } });
    options.now = new Date('2026-01-01T00:00:00Z');
    result = await runGate(['.'], options);
    return result;
  };

  it('reads every file without an internal error', async () => {
    const r = await scan();
    expect(r.stats.filesScanned).toBeGreaterThanOrEqual(c.atLeast(600));
    expect(r.errors.filter((e) => e.kind === 'internal')).toEqual([]);
  });

  it('every file with IAM-bearing resources (manifest.tsv) yields a policy or an error naming it', async () => {
    const r = await scan();
    const manifest = path.join(c.root, 'manifest.tsv');
    const rows = readFileSync(manifest, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
    const seen = new Set([...r.policies.map((p) => p.file), ...r.principals.map((p) => p.file), ...r.errors.map((e) => e.file)]);
    const silent = rows.filter((row) => Number(row[3]) > 0 && !seen.has(row[0]!)).map((row) => row[0]);
    expect(silent).toEqual([]);
  });

  it('every finding id of the whole-corpus run is registered (a docs page, SARIF metadata, a config id)', async () => {
    const r = await scan();
    const registered = new Set(allRuleMeta().map((m) => m.id));
    const unregistered = [...new Set(r.findings.map((f) => f.ruleId))].filter((id) => !registered.has(id));
    expect(unregistered).toEqual([]);
  });
});
