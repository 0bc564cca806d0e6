/**
 * flowDepth refuses bracket nesting deeper than the limit (and says where), whether or not the text has more
 * opening brackets than the limit in all (it skips the scan when it cannot have).
 */
import { describe, expect, it } from 'vitest';
import { flowDepth } from '../../src/text/positions.js';

describe('flowDepth', () => {
  it('finds nesting over the limit, with the offset of the bracket that passes it', () => {
    const text = 'a: ' + '['.repeat(300) + ']'.repeat(300);
    expect(flowDepth(text, 256)).toEqual({ depth: 257, offset: 3 + 256 });
  });

  it('lets through nesting within the limit, with few or many brackets in all', () => {
    expect(flowDepth('a: ' + '['.repeat(200) + ']'.repeat(200), 256).depth).toBeLessThanOrEqual(256);
    const wide = Array.from({ length: 400 }, (_, i) => `k${i}: {a: [b]}`).join('\n');
    expect(flowDepth(wide, 256)).toEqual({ depth: 2, offset: -1 });
    const quoted = 'a: "' + '['.repeat(400) + '"\nb: [c]';
    expect(flowDepth(quoted, 256)).toEqual({ depth: 1, offset: -1 });
  });
});
