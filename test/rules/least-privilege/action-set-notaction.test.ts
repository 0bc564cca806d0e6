/**
 * A NotAction grant's risky actions (checks/least-privilege/action-set.ts): the complement of its patterns in the
 * catalogue, judged action by action, listed in catalogue order with their count. The same whichever statement the
 * run saw first (an `Action: "*"` statement fills the rule's per-action verdicts before, or after, the NotAction one).
 */
import { describe, expect, it } from 'vitest';
import { policyFindings } from '../../helpers/rule-tester.js';
import { writeOnAllResources } from '../../../src/checks/rules/write-on-all-resources.js';
import { EngineContext, withEngineContext } from '../../../src/engine/context.js';
import { accessLevelOf, getCatalog, isWildcardOnly } from '../../../src/catalog/index.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const notAction = doc({ Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: '*' });
const star = doc({ Effect: 'Allow', Action: '*', Resource: '*' });

/** What write-on-all-resources says a grant of every action but iam:* and s3:* on `*` gives: written out from the catalogue. */
function expected(): string[] {
  return getCatalog().actions.filter((a) => {
    if (/^(iam|s3):/i.test(a) || a === 'iam:PassRole' || isWildcardOnly(a)) return false;
    const lvl = accessLevelOf(a);
    return lvl === 'Write' || lvl === 'Tagging';
  });
}

function notActionDetails(first?: object): { actions: string[]; actionCount: number; message: string } {
  return withEngineContext(new EngineContext(), () => {
    if (first) expect(policyFindings(writeOnAllResources, { code: first })).toHaveLength(1);
    const found = policyFindings(writeOnAllResources, { code: notAction });
    expect(found).toHaveLength(1);
    const d = found[0]!.details as { actions: string[]; actionCount: number };
    return { ...d, message: found[0]!.message };
  });
}

describe('write-on-all-resources through NotAction', () => {
  const want = expected();

  it('lists the complement\'s write actions in catalogue order with their count', () => {
    const d = notActionDetails();
    expect(want.length).toBeGreaterThan(1000);
    expect(d.actionCount).toBe(want.length);
    expect(d.actions).toEqual(want.slice(0, 200));
    expect(d.message).toContain('(through NotAction)');
  });

  it('says the same after an Action "*" statement was judged in the same run', () => {
    const d = notActionDetails(star);
    expect(d.actionCount).toBe(want.length);
    expect(d.actions).toEqual(want.slice(0, 200));
  });
});

describe('write-on-all-resources over several Action elements', () => {
  const details = (action: string[]) =>
    withEngineContext(new EngineContext(), () => {
      const found = policyFindings(writeOnAllResources, { code: doc({ Effect: 'Allow', Action: action, Resource: '*' }) });
      expect(found).toHaveLength(1);
      return found[0]!.details as { actions: string[]; actionCount: number };
    });

  it('names an action granted by two elements once, in the order first granted (long lists)', () => {
    const alone = details(['s3:*']);
    expect(alone.actionCount).toBeGreaterThan(40);
    expect(details(['s3:*', 's3:Put*', 'S3:DeleteObject'])).toEqual(alone);
    const both = details(['s3:Put*', 's3:*']);
    expect(both.actionCount).toBe(alone.actionCount);
    expect(new Set(both.actions).size).toBe(both.actions.length);
  });

  it('names an action granted by two elements once (short lists)', () => {
    expect(details(['s3:PutObject', 'S3:putobject', 's3:DeleteObject', 's3:PutObject'])).toEqual({ actions: ['s3:PutObject', 's3:DeleteObject'], actionCount: 2 });
  });
});
