/** The scheduler on a virtual clock: Retry-After, backoff with jitter, the concurrency window. */
import { describe, expect, it } from 'vitest';
import { Scheduler, classifyError } from '../../src/checks/access-analyzer/scheduler.js';

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), get t() { return t; } };
}
const throttle = (retryAfterSeconds?: number) => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 }, retryAfterSeconds });
const serverError = () => Object.assign(new Error('oops'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 } });

describe('Scheduler', () => {
  it('lets a throttled call retry before calls that have not started (the order never depends on timers)', async () => {
    const c = clock();
    const s = new Scheduler({ concurrency: 1, now: c.now, sleep: c.sleep, random: () => 0, baseDelayMs: 100 });
    const order: string[] = [];
    let a = 0;
    const first = s.run(async () => {
      order.push(`a${++a}`);
      if (a < 3) throw throttle();
      return 'a';
    });
    const second = s.run(async () => {
      order.push('b');
      return 'b';
    });
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(order).toEqual(['a1', 'a2', 'a3', 'b']);
  });

  it('waits as long as Retry-After says before the next attempt', async () => {
    const c = clock();
    const s = new Scheduler({ concurrency: 2, now: c.now, sleep: c.sleep, random: () => 0 });
    const at: number[] = [];
    let n = 0;
    const out = await s.run(async () => {
      at.push(c.t);
      if (n++ === 0) throw throttle(3);
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(at).toEqual([0, 3000]);
    expect(s.stats).toEqual({ attempts: 2, throttled: 1, retried: 1 });
  });

  it('without Retry-After: exponential backoff with jitter between half and the full step', async () => {
    for (const [random, expected] of [
      [0, [0, 100, 300, 700]],
      [1, [0, 200, 600, 1400]],
    ] as const) {
      const c = clock();
      const s = new Scheduler({ concurrency: 1, now: c.now, sleep: c.sleep, random: () => random, baseDelayMs: 200 });
      const at: number[] = [];
      await s.run(async () => {
        at.push(c.t);
        if (at.length < 4) throw serverError();
        return 1;
      });
      expect(at).toEqual(expected);
    }
  });

  it('does not retry client errors, and gives up after maxAttempts', async () => {
    const c = clock();
    const s = new Scheduler({ concurrency: 1, now: c.now, sleep: c.sleep, maxAttempts: 3 });
    let calls = 0;
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    await expect(s.run(async () => { calls++; throw denied; })).rejects.toBe(denied);
    expect(calls).toBe(1);
    calls = 0;
    await expect(s.run(async () => { calls++; throw serverError(); })).rejects.toThrow('oops');
    expect(calls).toBe(3);
  });

  it('never has more than `concurrency` calls in flight, and halves the window after a throttle', async () => {
    const c = clock();
    const s = new Scheduler({ concurrency: 4, now: c.now, sleep: c.sleep, random: () => 0 });
    let inFlight = 0;
    let max = 0;
    const maxAfterThrottle: number[] = [];
    let throttled = false;
    const task = (i: number) =>
      s.run(async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        if (throttled) maxAfterThrottle.push(inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        if (i === 0 && !throttled) {
          throttled = true;
          throw throttle(1);
        }
        return i;
      });
    const out = await Promise.all(Array.from({ length: 20 }, (_, i) => task(i)));
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(max).toBeLessThanOrEqual(4);
    expect(Math.max(...maxAfterThrottle.slice(0, 4))).toBeLessThanOrEqual(2);
  });

  it('classifies SDK errors', () => {
    expect(classifyError(throttle())).toBe('throttle');
    expect(classifyError(serverError())).toBe('retryable');
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('retryable');
    expect(classifyError(Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }))).toBe('fatal');
  });
});
