import { describe, expect, it } from 'vitest';
import { ApiProblem, VersionConflict } from '../api/client';
import { sentence, waitPhrase } from './messages';

const problem = (status: number, detail = '', extra: object = {}, retryAfter: string | null = null) =>
  new ApiProblem(status, { type: 'about:blank', title: 'T', status, detail, ...extra }, '', retryAfter);

describe('sentence', () => {
  it('says a wrong password in words, never a status code', () => {
    const s = sentence(problem(401, 'Unable to log in with provided credentials.'), 'login');
    expect(s).toBe('That username and password do not match an active account. Check them and try again.');
    expect(s).not.toMatch(/401/);
  });
  it('says when to try again after a 429, from Retry-After or the detail', () => {
    expect(sentence(problem(429, 'x', {}, '897'))).toBe('Too many attempts. Please try again in 15 minutes.');
    expect(sentence(problem(429, 'Too many failed attempts; try again in 8 seconds.'))).toBe('Too many attempts. Please try again in 8 seconds.');
  });
  it('lists validation errors per field', () => {
    expect(sentence(problem(400, '', { errors: { title: ['This field may not be blank.'] } }))).toBe('Please check: Title: This field may not be blank.');
  });
  it('explains conflicts, missing items, server and network failures', () => {
    expect(sentence(new VersionConflict(null))).toMatch(/Someone else changed this/);
    expect(sentence(problem(404))).toMatch(/no longer exists/);
    expect(sentence(problem(503))).toMatch(/server had a problem/);
    expect(sentence(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
  });
  it('rounds waits to readable units', () => {
    expect(waitPhrase(1)).toBe('1 second');
    expect(waitPhrase(61)).toBe('2 minutes');
    expect(waitPhrase(7200)).toBe('2 hours');
  });
});
