/**
 * grantOf makes a statement's resource types only when a Resource value needs them (neither all stars nor a
 * stand-in): the scope must be the one judged with the types made up front.
 */
import { describe, expect, it } from 'vitest';
import { grantOf, isWildcardResource, statementResourceTypes } from '../../src/engine/grants.js';
import { statementsOf } from '../../src/policy/statements.js';
import { record } from '../helpers/records.js';

const ACTIONS = [['iam:PassRole'], ['s3:GetObject'], ['s3:GetObject', 'iam:PassRole'], ['s3:*'], ['*'], ['lambda:InvokeFunction']];
const RESOURCES = [['*'], ['arn:aws:iam::*:role/*'], ['arn:aws:s3:::bucket/*'], ['arn:aws:s3:::*'], ['arn:aws:lambda:*:*:function:*'], ['arn:aws:s3:::b/k', '*'], ['arn:aws:iam::123456789012:role/x', 'arn:aws:iam::*:role/*'], ['**']];

describe('grantOf resource scope', () => {
  it('is judged as with the resource types made up front', () => {
    for (const Action of ACTIONS) {
      for (const Resource of RESOURCES) {
        const p = record('p.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
        const [s] = statementsOf(p.document);
        const types = statementResourceTypes(s!);
        const want = Resource.some((r) => isWildcardResource(r, false, types)) ? 'all' : 'some';
        expect(grantOf(s!, p)?.scope, `${Action} on ${Resource}`).toBe(want);
      }
    }
  });
});
