/** Shared set-up: the real SDK client against the local fake, records from the real raw-JSON extractor. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rawExtractor } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import type { Options } from '../../src/config/options.js';
import type { PolicyRecord, PolicyType } from '../../src/policy/types.js';
import { MapSourceMap } from '../../src/policy/source-map.js';
import { parseWithPositions } from '../../src/text/positions.js';
import { createAaApi } from '../../src/checks/access-analyzer/client.js';
import { cacheFor, noCache } from '../../src/checks/access-analyzer/cache.js';
import { runAccessAnalyzerChecks } from '../../src/checks/access-analyzer/analyze.js';
import type { AaRunResult } from '../../src/checks/access-analyzer/analyze.js';
import { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import type { FakeSettings } from '../fakes/access-analyzer-server.js';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };

export async function startFake(settings: FakeSettings = {}): Promise<FakeAccessAnalyzer> {
  const fake = new FakeAccessAnalyzer(settings);
  await fake.start();
  return fake;
}

export function testOptions(over: Partial<Options['aa']> = {}): Options {
  const o = defaultOptions('/repo');
  o.accessAnalyzer = 'on';
  o.aa = { ...o.aa, cacheDir: '', ...over };
  return o;
}

/** Records from policy JSON files, through the real raw extractor. */
export function rawRecords(files: Record<string, string>, options: Options = testOptions(), type?: PolicyType): PolicyRecord[] {
  const out: PolicyRecord[] = [];
  for (const [file, text] of Object.entries(files)) {
    const opts = type ? { ...options, policyTypes: [{ files: ['**'], type }] } : options;
    const r = rawExtractor.extract({
      file, repoPath: file, displayPath: (p) => p, text, options: opts, explicit: true,
      readRepoFile: () => { throw new Error('no reads'); },
    });
    if ('then' in r) throw new Error('async extractor');
    if (r.errors.length) throw new Error(r.errors.map((e) => e.message).join('; '));
    out.push(...r.policies);
  }
  return out;
}

/**
 * A record as the CloudFormation/Terraform extractors produce it: the document found at `docPointer` in a YAML/JSON
 * file, with its source map grafted from the file's positions.
 */
export function embeddedRecord(file: string, text: string, docPointer: string, fields: Partial<PolicyRecord> = {}): PolicyRecord {
  const parsed = parseWithPositions(text, file);
  let doc: unknown = parsed.value;
  for (const seg of docPointer.slice(1).split('/')) doc = (doc as Record<string, unknown>)[seg];
  const span = parsed.spans.get(docPointer)!;
  const sourceMap = new MapSourceMap(span).graft({ get: (p) => parsed.spans.get(p), locate: () => span, pointers: () => [...parsed.spans.keys()] }, docPointer, '');
  return {
    id: `${file}#${docPointer}`,
    file,
    line: span.start.line,
    endLine: span.end.line,
    format: 'cloudformation',
    resource: 'Resource',
    resourceType: 'AWS::IAM::Role',
    propertyPath: docPointer,
    policyType: 'identity',
    document: doc,
    sourceMap,
    placeholders: [],
    attachedTo: [],
    ...fields,
  };
}

export interface RunOpts {
  cacheDir?: string;
  readRepoFile?: (rel: string) => string;
}

export function runAa(fake: FakeAccessAnalyzer, policies: PolicyRecord[], options: Options, o: RunOpts = {}): Promise<AaRunResult> {
  return runAccessAnalyzerChecks({
    policies,
    options,
    api: createAaApi({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS }),
    cache: o.cacheDir ? cacheFor(o.cacheDir, '/repo') : noCache,
    region: 'us-east-1',
    readRepoFile: o.readRepoFile,
    scheduler: { baseDelayMs: 5, maxDelayMs: 2_000 },
  });
}

export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aa-test-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `line: ruleId (severity)` lines, sorted: what a reviewer would see. */
export function lines(findings: { line: number; ruleId: string; severity: string; file: string }[]): string[] {
  return findings.map((f) => `${f.file}:${f.line} ${f.ruleId} (${f.severity})`).sort();
}
