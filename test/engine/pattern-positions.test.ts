import { describe, expect, it } from 'vitest';
import { catalogUniverse, expandPattern, patternPositions } from '../../src/engine/actions.js';

// The SCP checks (lock-out, region lock) ask about a service's actions through their positions instead of scanning
// universe-wide sets: the positions must be exactly the set's members, or a lock-out would go unreported.
describe('patternPositions', () => {
  it('are the members of the pattern\'s set, for services, single actions, prefixes, any case and unknowns', () => {
    const u = catalogUniverse();
    for (const p of ['organizations:*', 'iam:*', 'sts:AssumeRole', 'STS:assumerole', 's3:GetAccountPublic*', 'ec2:Describe?egions', 'nosuch:*', 's3:NoSuchAction', '*']) {
      const set = expandPattern(u, p);
      const members: number[] = [];
      set.forEach((v, i) => { if (v) members.push(i); });
      expect([...patternPositions(u, p)].sort((a, b) => a - b)).toEqual(members);
    }
    expect(patternPositions(u, 'organizations:*').length).toBeGreaterThan(50);
  });
});
