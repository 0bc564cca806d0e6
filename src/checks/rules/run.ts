/** Runs the registered rules over the extracted records and turns their reports into findings. */
import type { IamEntity, PolicyRecord } from '../../policy/types.js';
import { policyStatements, isObject, statementAt, withPolicyViews } from '../../policy/statements.js';
import { fingerprint, fingerprintOf, fingerprintText, statementIdentity } from '../../policy/fingerprint.js';
import { segments } from '../../policy/source-map.js';
import type { Finding, Severity } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import type { PolicyContext, Report, Rule } from './types.js';
import { ruleDocsUrl } from './types.js';
import { grantingPolicies, groupPrincipals } from '../../policy/principals.js';
import { engineContext } from '../../engine/context.js';
import { FileBudget, describePolicy, policyWork } from '../budget.js';
import { appendAll } from '../../util/arrays.js';


export function policyFinding(rule: Rule, policy: PolicyRecord, r: Report, severity: Severity): Finding {
  const span = policy.sourceMap.locate(r.path);
  const stmt = statementAt(policy.document, r.path);
  return {
    ruleId: rule.meta.id,
    source: 'rules',
    severity,
    title: rule.meta.title,
    message: r.message,
    fix: rule.meta.fix,
    learnMore: ruleDocsUrl(rule.meta),
    file: span.file,
    line: span.start.line,
    // a finding about the whole document is anchored on its first line, not spread over the file
    endLine: r.path === '' ? span.start.line : Math.max(span.start.line, span.end.line),
    column: span.start.column,
    policyId: policy.id,
    resource: policy.resource,
    path: r.path,
    fingerprint: scopedFingerprint([
      rule.meta.id,
      policy.id,
      stmt === undefined ? r.path.split('/').filter((s) => !/^\d+$/.test(s)).join('/') : statementIdentity(stmt),
      r.subject,
    ]),
    ...(stmt !== undefined ? { matchKey: scopedFingerprint([rule.meta.id, policy.id, r.subject]) } : {}),
    details: r.details,
  };
}

const MANAGED_RISK_CATEGORIES: ReadonlySet<string> = new Set(['least-privilege', 'resource-exposure']);

/** `AWS managed policy AmazonS3FullAccess (attached to role AppRole)`. */
function managedLabel(policy: PolicyRecord): string {
  const name = policy.awsManaged!.slice(policy.awsManaged!.indexOf(':policy/') + ':policy/'.length);
  const to = policy.attachedTo.map((a) => `${a.kind} ${a.id}`);
  return `AWS managed policy ${name}${to.length ? ` (attached to ${to.slice(0, 3).join(', ')}${to.length > 3 ? ', ...' : ''})` : ''}`;
}

/**
 * The SAM policy template a record was expanded from (`SQSPollerPolicy`): AWS's text, as a managed policy is; the user
 * chooses the template and its parameters, not its actions, so grammar rules do not apply to it.
 */
function samPolicyTemplate(policy: PolicyRecord): string | undefined {
  if (policy.format !== 'cloudformation') return undefined;
  for (const n of policy.notes ?? []) {
    if (!n.startsWith('SAM policy template ')) continue;
    const m = /^SAM policy template (\w+) expanded$/.exec(n);
    if (m) return m[1];
  }
  return undefined;
}

function enabled(rule: Rule, options: Options): boolean {
  return options.rules[rule.meta.id]?.enabled !== false;
}

function severityOf(rule: Rule, options: Options, reported?: Severity): Severity {
  return options.rules[rule.meta.id]?.severity ?? reported ?? rule.meta.severity;
}

export interface RuleInput {
  policies: PolicyRecord[];
  entities: IamEntity[];
  options: Options;
  /** Per-file work budget (checks/budget.ts); by default one from the options. Files over it are in budget.errors(). */
  budget?: FileBudget;
}

/** `Role AppRole`: how principal rules name a principal at the start of their message. */
function principalLabel(kind: string, id: string): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${id}`;
}

/**
 * One statement shared by several principals (a managed policy attached to three roles) is one finding naming them,
 * not one per principal: findings of the same rule on the same place whose messages differ only in the principal's
 * name are merged ("Roles A, B can escalate their privileges: ...").
 */
export function sharedStatementFindings(list: { finding: Finding; label: string }[]): Finding[] {
  const groups = new Map<string, { finding: Finding; label: string }[]>();
  const out: Finding[] = [];
  for (const x of list) {
    const f = x.finding;
    if (!f.message.includes(x.label)) {
      out.push(f);
      continue;
    }
    const key = [f.ruleId, f.policyId, f.path, f.severity, f.message.split(x.label).join('\u0000')].join('\u0001');
    const g = groups.get(key);
    if (g) g.push(x);
    else groups.set(key, [x]);
  }
  for (const g of groups.values()) {
    const first = g[0]!;
    if (g.length === 1) {
      out.push(first.finding);
      continue;
    }
    const kinds = new Set(g.map((x) => x.label.slice(0, x.label.indexOf(' '))));
    const names = kinds.size === 1 ? `${[...kinds][0]}s ${g.map((x) => x.label.slice(x.label.indexOf(' ') + 1)).join(', ')}` : g.map((x) => x.label).join(', ');
    const message = first.finding.message.split(first.label).join(names).replace(/ its (privileges|own permissions)/, ' their $1');
    out.push({ ...first.finding, message: `${message} (one statement shared by ${g.length} principals)`, details: { ...first.finding.details, principals: g.map((x) => x.label) } });
  }
  return out;
}

/**
 * The rules over one unit's records. Each policy's statement views are made once for the whole call (policy rules,
 * principal rules and grant indexes share them: policy/statements.ts policyStatements).
 */
export function runRules(rules: Rule[], input: RuleInput): Finding[] {
  const saved = fingerprints;
  fingerprints = new Map();
  try {
    return withPolicyViews(() => runRulesInScope(rules, input));
  } finally {
    fingerprints = saved;
  }
}

/**
 * Fingerprints made during one runRules call (one file's records), by the exact text they hash: every finding of a
 * rule on a policy without a subject has the same match key, several findings on one statement the same fingerprint.
 * Dropped with the call (never shared across files).
 */
let fingerprints: Map<string, string> | undefined;

function scopedFingerprint(parts: (string | undefined)[]): string {
  if (!fingerprints) return fingerprint(parts);
  const text = fingerprintText(parts);
  let fp = fingerprints.get(text);
  if (fp === undefined) fingerprints.set(text, (fp = fingerprintOf(text)));
  return fp;
}

function runRulesInScope(rules: Rule[], input: RuleInput): Finding[] {
  const findings: Finding[] = [];
  const { policies, entities, options } = input;
  const { active, applicable, principalRules } = ruleLists(rules, options);
  const budget = input.budget ?? new FileBudget(options.fileWorkBudget, options.fileTimeBudgetMs);
  // the configured template tokens (`placeholders:`) are stand-ins wherever a value is judged (policy/template-token.ts)
  if (options.placeholders?.length) for (const p of policies) p.tokenPatterns = options.placeholders;

  for (const policy of policies) runPolicyRules(policy, applicable, options, budget, findings);

  // per principal: every policy that applies to it (names are unique per template / plan / module)
  const principals = groupPrincipals(policies, entities);
  const perPrincipal: { finding: Finding; label: string }[] = [];
  for (const p of principals) {
    if (!principalRules.length) break;
    // a principal holding a policy of a file not (fully) checked is not judged as a whole: that file is incomplete
    if (p.policies.some((x) => budget.exhausted(x.file)) || p.inherited.some((x) => budget.exhausted(x.policy.file))) continue;
    engineContext().grantScope(() => {
      const granting = grantingPolicies(p);
      for (const rule of principalRules) {
        rule.checkPrincipal!({
          principal: { kind: p.kind, id: p.id },
          policies: p.policies,
          inherited: p.inherited,
          granting,
          entity: p.entity,
          options,
          report: (r) => perPrincipal.push({ finding: policyFinding(rule, r.policy, r, severityOf(rule, options, r.severity)), label: principalLabel(p.kind, p.id) }),
        });
      }
    });
  }
  appendAll(findings, sharedStatementFindings(perPrincipal));

  for (const rule of active) {
    if (!rule.checkEntity) continue;
    for (const entity of entities) {
      if (entity.notCreated) continue;
      rule.checkEntity({
        entity,
        entities,
        policies,
        options,
        report: (r) => {
          const span = entity.sourceMap?.locate(r.path ?? '') ;
          findings.push({
            ruleId: rule.meta.id,
            source: 'rules',
            severity: severityOf(rule, options, r.severity),
            title: rule.meta.title,
            message: r.message,
            fix: rule.meta.fix,
            learnMore: ruleDocsUrl(rule.meta),
            file: span?.file ?? entity.file,
            line: span?.start.line ?? entity.line,
            endLine: span ? Math.max(span.start.line, span.end.line) : entity.endLine,
            resource: entity.resource,
            path: r.path,
            fingerprint: fingerprint([rule.meta.id, `${entity.file}#${entity.resource}`, r.path, r.subject]),
            details: r.details,
          });
        },
      });
    }
  }
  return findings;
}

interface RuleLists {
  active: Rule[];
  applicable: (policyType: string, awsText: boolean) => Rule[];
  principalRules: Rule[];
}

/**
 * The enabled rules and their lists, made once per rule list and rule settings object (runRules runs once per file;
 * only `options.rules` decides which rules are enabled).
 */
const listsByRules = new WeakMap<Rule[], WeakMap<Options['rules'], RuleLists>>();
function ruleLists(rules: Rule[], options: Options): RuleLists {
  let byOptions = listsByRules.get(rules);
  if (!byOptions) listsByRules.set(rules, (byOptions = new WeakMap()));
  let lists = byOptions.get(options.rules);
  if (!lists) {
    const active = rules.filter((r) => enabled(r, options));
    lists = { active, applicable: applicableRules(active), principalRules: active.filter((r) => r.checkPrincipal) };
    byOptions.set(options.rules, lists);
  }
  return lists;
}

/**
 * The policy rules that apply to a policy, in registry order, by its type and whether it is AWS's text (an AWS
 * managed policy, a SAM policy template: grammar rules stay off, only risks are judged); made once per type.
 */
function applicableRules(active: Rule[]): (policyType: string, awsText: boolean) => Rule[] {
  const lists = new Map<string, Rule[]>();
  return (policyType, awsText) => {
    const key = `${awsText ? 'aws' : 'own'}\u0000${policyType}`;
    let list = lists.get(key);
    if (!list) {
      list = active.filter(
        (r) => !!r.checkPolicy && (!r.meta.policyTypes || r.meta.policyTypes.includes(policyType as PolicyRecord['policyType'])) && (!awsText || MANAGED_RISK_CATEGORIES.has(r.meta.category)),
      );
      lists.set(key, list);
    }
    return list;
  };
}

/** The policy rules on one policy, under the file's work budget, in a grant scope of their own. */
function runPolicyRules(policy: PolicyRecord, applicable: (policyType: string, awsText: boolean) => Rule[], options: Options, budget: FileBudget, findings: Finding[]): void {
  const statements = policyStatements(policy);
  const work = policyWork(statements);
  let first = true;
  // risk findings on a SAM policy template's statements name the template: the fix is its parameters or a narrower one
  const samTemplate = samPolicyTemplate(policy);
  // AWS managed policies (from the bundled snapshot) are AWS's text: the user cannot edit a statement, only choose to
  // attach it. Grammar rules stay off; what the policy grants is judged for risk where it is attached (its records'
  // lines are the attachment), and only risks at a blocking level are kept (AWS's own advisory findings would be
  // noise on every attachment of AWSLambdaBasicExecutionRole).
  const rules = applicable(policy.policyType, !!policy.awsManaged || !!samTemplate);
  if (!rules.length) return;
  let rule: Rule = rules[0]!;
  // one context for every rule on the policy (rules report synchronously, while `rule` is theirs)
  const ctx: PolicyContext = {
    policy,
    document: isObject(policy.document) ? policy.document : undefined,
    statements,
    options,
    report: (r) => {
      const severity = severityOf(rule, options, r.severity);
      if (samTemplate) findings.push(policyFinding(rule, policy, { ...r, message: `SAM policy template ${samTemplate}: ${r.message}` }, severity));
      else if (!policy.awsManaged) findings.push(policyFinding(rule, policy, r, severity));
      else if (severity === 'error' || severity === 'security-warning') findings.push(policyFinding(rule, policy, { ...r, message: `${managedLabel(policy)}: ${r.message}` }, severity));
    },
  };
  const what = (): string => describePolicy(policy, statements.length);
  budget.begin(policy.file);
  // the grants expanded for this policy's rules live as long as its checks (a grant scope, engine/context.ts)
  engineContext().grantScope(() => {
    for (const r of rules) {
      if (!budget.charge(policy.file, work.pass + (first ? work.once : 0), what)) break;
      first = false;
      rule = r;
      r.checkPolicy!(ctx);
    }
  });
}
