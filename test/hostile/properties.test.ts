/**
 * Property-based tests (fast-check) for every parser and extractor: arbitrary text, random mutations of the corpus
 * (truncation, byte flips, key shuffles; test/helpers/corpus.ts: the excerpts in npm test, every file in
 * npm run test:corpus) and random policy shapes. A parser may reject input, only with its
 * own error type; an extractor never throws (it reports errors); the rules never throw on any document shape.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonWithPositions, JsonSyntaxError } from '../../src/text/json-positions.js';
import { parseWithPositions, InputError } from '../../src/text/positions.js';
import { extractors } from '../../src/extract/index.js';
import type { ExtractResult } from '../../src/extract/types.js';
import { defaultOptions } from '../../src/config/options.js';
import { runOfflineChecks } from '../../src/checks/index.js';
import { rawExtractor } from '../../src/extract/raw.js';
import { decodeUtf8, ReadError } from '../../src/text/read.js';
import { recordFigure } from './figures.js';
import { corpus } from '../helpers/corpus.js';

const stats = { inputs: 0, crashes: 0, hangs: 0, missingErrors: 0 };
afterAll(() => recordFigure({ suite: 'property-based', ...stats }));

const theCorpus = corpus();
const corpusFiles = theCorpus.files().filter((f) => /\.(json|ya?ml|template|tf)$/.test(f));

function extractSafely(file: string, text: string): ExtractResult | undefined {
  const ex = extractors.find((e) => e.detect(file, text));
  if (!ex) return undefined;
  const options = defaultOptions('/nonexistent-repo');
  const r = ex.extract({
    file, repoPath: file, displayPath: (p) => p, text, options, explicit: true,
    readRepoFile: (p) => { throw new ReadError(`${p}: file not found`); },
    listRepoFiles: () => [],
  });
  return r as ExtractResult;
}

describe('parsers on arbitrary input', () => {
  it('the JSON parser agrees with JSON.parse on valid JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      stats.inputs++;
      expect(parseJsonWithPositions(text, 'f').value).toEqual(JSON.parse(text));
    }), { numRuns: 300 });
  });

  it('the JSON parser rejects invalid text only with JsonSyntaxError carrying a position', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      stats.inputs++;
      try {
        parseJsonWithPositions(text, 'f');
      } catch (e) {
        expect(e).toBeInstanceOf(JsonSyntaxError);
        expect((e as JsonSyntaxError).line).toBeGreaterThanOrEqual(1);
      }
    }), { numRuns: 500 });
  });

  it('the YAML path rejects only with InputError', () => {
    const yamlish = fc.array(fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&x', '*x', '!Ref', '!Sub', '"', "'", '#', '|', '>', '?', ',', '\t', '%YAML 1.2', '---', '...', 'Resources', 'Type: AWS::IAM::Role'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(yamlish, fc.string({ maxLength: 200 })), (text) => {
      stats.inputs++;
      try {
        parseWithPositions(text, 'f.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
      }
    }), { numRuns: 500 });
  });

  it('UTF-8 decoding rejects only with ReadError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      stats.inputs++;
      try {
        decodeUtf8(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(ReadError);
      }
    }), { numRuns: 300 });
  });
});

describe(`extractors on mutated files of the ${theCorpus.name}`, () => {
  const mutations = {
    truncate: (t: string, r: number) => t.slice(0, Math.floor(r * t.length)),
    flip: (t: string, r: number) => {
      const i = Math.floor(r * t.length);
      return t.slice(0, i) + String.fromCharCode((t.charCodeAt(i) ^ 0x5a) & 0x7f) + t.slice(i + 1);
    },
    duplicateLine: (t: string, r: number) => {
      const lines = t.split('\n');
      const i = Math.floor(r * lines.length);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    },
    shuffleKeys: (t: string, r: number) => {
      try {
        const v = JSON.parse(t);
        const shuffle = (x: unknown): unknown => {
          if (Array.isArray(x)) return x.map(shuffle);
          if (x && typeof x === 'object') {
            const keys = Object.keys(x).sort((a, b) => ((a.length * 31 + b.length * 17 + Math.floor(r * 97)) % 3) - 1);
            return Object.fromEntries(keys.map((k) => [k, shuffle((x as Record<string, unknown>)[k])]));
          }
          return x;
        };
        return JSON.stringify(shuffle(v), null, 1);
      } catch {
        return t;
      }
    },
  };
  it('never throw: they report errors', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: corpusFiles.length - 1 }), fc.constantFrom(...(Object.keys(mutations) as (keyof typeof mutations)[])), fc.double({ min: 0, max: 1, noNaN: true }), (idx, kind, r) => {
      stats.inputs++;
      const file = corpusFiles[idx]!;
      const text = mutations[kind](readFileSync(file, 'utf8'), r);
      const rel = path.relative(theCorpus.root, file);
      try {
        extractSafely(rel, text);
      } catch (e) {
        stats.crashes++;
        throw new Error(`${kind}@${r} of ${rel}: ${(e as Error).stack}`);
      }
    }), { numRuns: 400 });
  });
});

describe('rules on random policy shapes', () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.constantFrom('*', 's3:*', 'Allow', 'Deny', 'arn:aws:s3:::b/*', '2012-10-17', 'iam:PassRole'), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Sid', 'AWS', 'Service', 'StringEquals', 'aws:SourceArn', 'x'), tie('v'), { maxKeys: 5 })),
  }));
  const doc = fc.record({ Version: fc.oneof(fc.constant('2012-10-17'), value.v), Statement: fc.oneof(fc.array(value.v, { maxLength: 4 }), value.v) }, { requiredKeys: [] });
  it('never throw on any document', () => {
    fc.assert(fc.property(doc, fc.constantFrom('identity', 'resource', 'trust', 'scp', 'rcp', 'boundary' as const), (d, type) => {
      stats.inputs++;
      const options = defaultOptions('/repo');
      options.policyTypes = [{ files: ['**'], type }];
      const r = rawExtractor.extract({ file: 'p.json', repoPath: 'p.json', displayPath: (p) => p, text: JSON.stringify(d), options, explicit: true, readRepoFile: () => '' }) as ExtractResult;
      try {
        runOfflineChecks(r.policies, r.entities, options);
      } catch (e) {
        stats.crashes++;
        throw e;
      }
    }), { numRuns: 400 });
  });
});
