/** Runs the whole gate over a temporary repository made of the given files (real file system, no network). */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../../src/gate.js';
import type { GateResult } from '../../../src/result.js';
import { defaultOptions } from '../../../src/config/options.js';
import type { Options } from '../../../src/config/options.js';

export async function scan(files: Record<string, string>, configure?: (o: Options) => void): Promise<GateResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'cfn-scan-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const options = defaultOptions(root, root);
    options.accessAnalyzer = 'off';
    configure?.(options);
    return await runGate(['.'], options);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
