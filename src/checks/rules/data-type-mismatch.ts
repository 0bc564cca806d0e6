import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { isObject } from '../../policy/statements.js';
import { placeholderAt, statementLabel } from '../grammar/helpers.js';

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export const dataTypeMismatch: Rule = {
  meta: {
    id: 'DATA_TYPE_MISMATCH',
    title: 'Policy element has the wrong JSON type',
    severity: 'error',
    category: 'validation',
    description:
      'Policy elements take specific JSON types: Sid is a string; Action, Resource and principal values are strings or lists of strings; condition values are strings, numbers or booleans (or lists of them); a statement is an object. Any other type (a number for an action, an object inside a Resource list, a nested list) is rejected by IAM, often the result of a template function that produced the wrong shape.',
    fix: 'Write the value as a string (or a list of strings); in templates check what the function returns (e.g. `!GetAtt X.Arn` rather than an object, `!Join` results instead of nested lists).',
    reference: accessAnalyzerDocsUrl('DATA_TYPE_MISMATCH', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 42], Resource: [['arn:aws:s3:::b/*']] }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] },
    },
  },
  checkPolicy({ policy, document, statements, report }) {
    if (!document) return;
    const bad = (path: string, what: string, v: unknown, expected: string, label: string): void => {
      if (placeholderAt(policy, path)) return;
      report({ path, subject: what, message: `${label}: ${what} must be ${expected}, not ${jsonType(v)}${jsonType(v) === 'number' || jsonType(v) === 'boolean' ? ` (${String(v)})` : ''}.` });
    };
    const st = document.Statement;
    if (Array.isArray(st)) {
      st.forEach((s, i) => {
        if (!isObject(s)) bad(`/Statement/${i}`, 'a statement', s, 'an object', `Statement ${i}`);
      });
    } else if (st !== undefined && !isObject(st)) bad('/Statement', 'Statement', st, 'an object or a list of objects', 'The policy');
    for (const s of statements) {
      const label = statementLabel(s);
      if ('Sid' in s.raw && typeof s.raw.Sid !== 'string') bad(`${s.path}/Sid`, 'Sid', s.raw.Sid, 'a string', label);
      for (const [name, list] of [['Action', s.action], ['NotAction', s.notAction], ['Resource', s.resource], ['NotResource', s.notResource]] as const) {
        for (const v of list ?? []) if (typeof v.value !== 'string') bad(v.path, `each ${name} value`, v.value, 'a string', label);
      }
      for (const p of [s.principal, s.notPrincipal]) {
        for (const e of p?.entries ?? []) for (const v of e.values) if (typeof v.value !== 'string') bad(v.path, `each ${e.type} principal`, v.value, 'a string', label);
      }
      if ('Condition' in s.raw && !isObject(s.raw.Condition)) bad(`${s.path}/Condition`, 'Condition', s.raw.Condition, 'an object', label);
      if (isObject(s.raw.Condition)) {
        for (const [op, block] of Object.entries(s.raw.Condition)) {
          if (!isObject(block)) bad(`${s.path}/Condition/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`, `the "${op}" block`, block, 'an object of condition keys', label);
        }
      }
      for (const c of s.condition ?? []) {
        for (const v of c.values) {
          const t = jsonType(v.value);
          if (t !== 'string' && t !== 'number' && t !== 'boolean') bad(v.path, `each value of "${c.key}"`, v.value, 'a string, number or boolean', label);
        }
      }
    }
  },
};
