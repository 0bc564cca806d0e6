/** When the GitHub client waits and retries, and what counts as "this token may not write". */
import { describe, expect, it } from 'vitest';
import { isPermissionError, isRateLimited, isUnknownOutcome, retryDelayMs } from '../../src/github/client.js';

const err = (status: number, headers: Record<string, string> = {}, message = '') => ({ status, message, response: { headers, data: { message } } });

describe('retries', () => {
  const now = Date.UTC(2026, 10, 23, 20, 0, 0);
  it('waits for retry-after on secondary rate limits (403 or 429)', () => {
    expect(retryDelayMs(err(403, { 'retry-after': '7' }, 'You have exceeded a secondary rate limit'), now)).toBe(7000);
    expect(retryDelayMs(err(429, { 'retry-after': '2' }), now)).toBe(2000);
    expect(retryDelayMs(err(403, {}, 'You have exceeded a secondary rate limit'), now)).toBe(60_000);
  });
  it('waits until x-ratelimit-reset when the primary limit is exhausted', () => {
    expect(retryDelayMs(err(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }), now)).toBe(30_000);
  });
  it('retries 5xx, never 4xx permission or validation errors', () => {
    expect(retryDelayMs(err(502), now)).toBe(1000);
    expect(retryDelayMs(err(403, {}, 'Resource not accessible by integration'), now)).toBeUndefined();
    expect(retryDelayMs(err(422, {}, 'Validation Failed'), now)).toBeUndefined();
    expect(retryDelayMs(err(404), now)).toBeUndefined();
  });
  it('a read-only token is a permission error, a rate limit is not', () => {
    expect(isPermissionError(err(403, {}, 'Resource not accessible by integration'))).toBe(true);
    expect(isPermissionError(err(401, {}, 'Bad credentials'))).toBe(true);
    expect(isPermissionError(err(403, { 'retry-after': '1' }, 'secondary rate limit'))).toBe(false);
    expect(isPermissionError(err(500))).toBe(false);
  });
  it('5xx, timeouts and dropped connections (Octokit: status 500, no response) leave the outcome of a write unknown; 4xx and rate limits do not', () => {
    expect(isUnknownOutcome(err(502))).toBe(true);
    expect(isUnknownOutcome({ status: 500, name: 'HttpError', message: 'The operation was aborted due to timeout' })).toBe(true);
    expect(isUnknownOutcome({ name: 'TimeoutError', message: 'aborted' })).toBe(true);
    expect(isUnknownOutcome(err(422, {}, 'Validation Failed'))).toBe(false);
    expect(isUnknownOutcome(err(403, { 'retry-after': '1' }, 'secondary rate limit'))).toBe(false);
    expect(isRateLimited(err(403, { 'x-ratelimit-remaining': '0' }, 'API rate limit exceeded'))).toBe(true);
    expect(isRateLimited(err(403, {}, 'Resource not accessible by integration'))).toBe(false);
    expect(retryDelayMs(err(503), now, 20)).toBe(20);
  });
});
