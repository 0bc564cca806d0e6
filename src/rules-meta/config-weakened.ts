/**
 * `config-weakened`: a pull request changes the gate's own config so that it would hide or downgrade findings once
 * merged. Reported by src/config/trusted.ts, which reads this meta from the leaf (config/ does not import checks/).
 */
import type { RuleMeta } from './types.js';

export const configWeakenedMeta: RuleMeta = {
  id: 'config-weakened',
  title: 'The pull request weakens the gate\'s config',
  severity: 'error',
  category: 'config',
  description:
    'In a pull request the gate reads its config (.github/iam-policy-gate.yml) and the files it references from the base commit, never from the pull request: otherwise a pull request could add an ignore entry, an exclude glob, a lower fail-on or a rule turned off and pass its own dangerous policy. A change to the config that suppresses, excludes, re-types files, lowers a severity or fail-on, trusts more accounts, organisations, OIDC subjects or external policies, turns Access Analyzer checks off, or changes the parameter values, tfvars list, reference policies or organisation model the analysis uses is reported on its line: it takes effect after merge, so it needs the review of the config\'s owners (CODEOWNERS on the config file). Changes that only make the gate stricter are not reported.',
  fix: 'Have the owners of the gate\'s config review the change (a CODEOWNERS entry for .github/iam-policy-gate.yml makes their approval required), or make the change in a separate pull request that changes only the config. Fix the finding instead of suppressing it where you can.',
  examples: {
    bad: { 'fail-on': 'error', exclude: ['infra/**'], ignore: [{ rule: 'admin-wildcard', reason: 'temporary' }] },
    good: { 'fail-on': 'security-warning', ignore: [{ rule: 'admin-wildcard', resource: 'BreakGlassRole', reason: 'break-glass role, reviewed quarterly (SEC-42)', expires: '2026-06-30' }] },
  },
};
