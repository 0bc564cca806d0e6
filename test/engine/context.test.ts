/**
 * The engine context (src/engine/context.ts): the caches of one run, installed for everything the run awaits, and
 * grant scopes that drop a policy's expanded grants when its checks end. What a user notices: two runs in one
 * process (the Action's base and head, a long-lived CLI process, tests) never share cached answers, and the results
 * with and without caching are the same.
 */
import { describe, expect, it } from 'vitest';
import { EngineContext, engineContext, withEngineContext } from '../../src/engine/context.js';
import { grantOf } from '../../src/engine/grants.js';
import { expandActionPattern } from '../../src/engine/actions.js';
import { statementsOf } from '../../src/policy/statements.js';

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] };

describe('engine context', () => {
  it('is the installed one across awaits, and separate runs have separate caches', async () => {
    const a = new EngineContext();
    const b = new EngineContext();
    const seen = await Promise.all([
      withEngineContext(a, async () => {
        await new Promise((r) => setImmediate(r));
        expandActionPattern('s3:Get*');
        return engineContext();
      }),
      withEngineContext(b, async () => {
        await new Promise((r) => setImmediate(r));
        return engineContext();
      }),
    ]);
    expect(seen[0]).toBe(a);
    expect(seen[1]).toBe(b);
    expect(a.expanded.has('s3:get*')).toBe(true);
    expect(b.expanded.has('s3:get*')).toBe(false);
  });

  it('a grant scope keeps a statement grant for its duration only, with the same answer after', () => {
    const ctx = new EngineContext();
    withEngineContext(ctx, () => {
      const [s] = statementsOf(doc);
      let inside: ReturnType<typeof grantOf> = null;
      ctx.grantScope(() => {
        inside = grantOf(s!);
        expect(grantOf(s!)).toBe(inside); // memoised within the scope
      });
      const after = grantOf(s!);
      expect(after).not.toBe(inside); // the scope's memo is gone
      expect(after?.actions.get('s3:GetObject')).toEqual(inside!.actions.get('s3:GetObject'));
      expect(after?.scope).toBe('all');
    });
  });
});
