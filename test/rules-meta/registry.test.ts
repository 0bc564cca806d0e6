/**
 * Every id a finding can carry is registered (docs page, SARIF metadata, config id), and a config that names an id
 * no finding carries is an error with the line and the closest id: a typo must not leave a rule blocking, or an
 * exception idle, without anyone noticing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRuleMeta } from '../../src/checks/registry.js';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { checkRuleId, knownRuleIds } from '../../src/rules-meta/index.js';
import { toSarif } from '../../src/report/sarif.js';
import { ACCESS_ANALYZER_ISSUE_CODES } from '../../src/rules-meta/access-analyzer-codes.js';

const root = path.resolve(import.meta.dirname, '../..');
const registered = new Set(allRuleMeta().map((m) => m.id));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('the rule registry', () => {
  it('registers every finding id written as a literal in src/ (ruleId, extractor findings, include problems, suppressions)', () => {
    const patterns = [
      /ruleId: '([^']+)'/g,
      /finding\([^,()]+, [^,]+, '([a-z][a-z0-9-]+)'/g,
      /_RULE_ID = '([^']+)'/g,
      /refuse\([^)]*'(include-[a-z]+)'\)/g,
      /check: '(check-[a-z-]+)'/g,
    ];
    const found = new Map<string, string>();
    for (const file of sourceFiles(path.join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1]!, path.relative(root, file));
    }
    expect(found.size).toBeGreaterThan(20);
    const missing = [...found].filter(([id]) => !registered.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
  });

  it('registers every id in the golden suite\'s expected findings', () => {
    const casesDir = path.join(root, 'test/golden/cases');
    const known = new Set([...registered, ...ACCESS_ANALYZER_ISSUE_CODES]);
    const unknown: string[] = [];
    for (const c of readdirSync(casesDir)) {
      const expected = JSON.parse(readFileSync(path.join(casesDir, c, 'expected.json'), 'utf8')) as { findings?: { ruleId: string }[] };
      for (const f of expected.findings ?? []) if (!known.has(f.ruleId)) unknown.push(`${c}: ${f.ruleId}`);
    }
    expect(unknown).toEqual([]);
  });

  it('SARIF describes an id that is not a rule from the registry (docs link, description), not from the finding', () => {
    const sarif = toSarif({
      verdict: { status: 'fail' } as never, policies: [], principals: [], attachments: [], entities: [], errors: [], notes: [], scpImpacts: [],
      stats: { filesScanned: 1, filesWithPolicies: 0, durationMs: 0 }, rules: allRuleMeta(),
      findings: [{ ruleId: 'include-refused', source: 'extract', severity: 'warning', title: 'Include refused', message: 'm', file: 't.yml', line: 3, endLine: 3, fingerprint: 'f' }],
    }) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; fullDescription: { text: string } }[] } } }[] };
    const rule = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'include-refused')!;
    expect(rule.helpUri).toMatch(/docs\/rules\/include-refused\.md$/);
    expect(rule.fullDescription.text).toMatch(/outside the repository/);
  });
});

function configError(text: string): string {
  try {
    parseConfig(text, '.github/iam-policy-gate.yml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return '';
}

describe('config rule ids are checked against the registry', () => {
  it('a misspelt rule under rules: is a config error with the line and the closest id', () => {
    expect(configError('fail-on: error\nrules:\n  admin-wildcrd: off\n')).toBe(
      '.github/iam-policy-gate.yml:3: rules.admin-wildcrd: unknown rule id "admin-wildcrd" (did you mean "admin-wildcard"?): see docs/rules/README.md for every rule id',
    );
  });

  it('a misspelt ignore rule is a config error on the entry', () => {
    expect(configError('ignore:\n  - rule: privilege-escalaton\n    reason: r\n')).toMatch(
      /^\.github\/iam-policy-gate\.yml:2: ignore\[0\]\.rule: unknown rule id "privilege-escalaton" \(did you mean "privilege-escalation"\?\)/,
    );
  });

  it('rules: matches ids exactly, so another spelling of a known id is an error naming the right one', () => {
    expect(configError('rules:\n  unique-sids-recommended: off\n')).toMatch(/did you mean "UNIQUE_SIDS_RECOMMENDED"/);
    expect(configError('rules:\n  Admin-Wildcard: off\n')).toMatch(/did you mean "admin-wildcard"\? rule ids are case-sensitive/);
  });

  it('not-analysed cannot be configured away', () => {
    expect(configError('rules:\n  not-analysed: off\n')).toMatch(/"not-analysed" cannot be configured/);
  });

  it('known ids pass: rules, ids that are not rules, Access Analyzer codes, and a code AWS adds later', () => {
    expect(parseConfig(
      'rules:\n  admin-wildcard: warning\n  include-refused: error\n  suppression-unused: off\n  PASS_ROLE_WITH_STAR_IN_RESOURCE: error\n  SOME_FUTURE_ANALYZER_CODE: off\nignore:\n  - rule: ADMIN-WILDCARD\n    reason: r\n',
      'c.yml',
    ).rules).toMatchObject({ 'admin-wildcard': { severity: 'warning' }, SOME_FUTURE_ANALYZER_CODE: { enabled: false } });
    expect(checkRuleId('PASS_ROLE_WITH_STAR_IN_RESOURCEE', 'rules')).toMatchObject({ ok: false });
    for (const m of allRuleMeta()) if (!m.notConfigurable) expect(knownRuleIds(), m.id).toContain(m.id);
  });
});

// the leaf's copies of the severity and policy-type unions are the same as the ones the findings and records use
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameSeverity: Same<import('../../src/rules-meta/types.js').Severity, import('../../src/findings/types.js').Severity> = true;
const samePolicyType: Same<import('../../src/rules-meta/types.js').PolicyType, import('../../src/policy/types.js').PolicyType> = true;
void sameSeverity;
void samePolicyType;
