/**
 * Sentences for people: every problem the API answers (RFC 9457 problem+json) or the network
 * throws becomes one, never a bare status code. `context` names what was being done, so a 401 at
 * sign-in reads differently from a 401 on an expired session.
 */
import { ApiProblem, VersionConflict } from '../api/client';

export type Doing = 'login' | 'save' | 'delete' | 'load' | 'other';

/** "8 seconds", "2 minutes", "1 hour". */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** Per-field validation messages, as "Title: This field may not be blank." */
export function fieldErrors(e: ApiProblem): string[] {
  return Object.entries(e.errors).map(([field, messages]) => `${label(field)}: ${messages.join(' ')}`);
}

const label = (field: string) => (field.charAt(0).toUpperCase() + field.slice(1)).replace(/_/g, ' ');

export function sentence(error: unknown, doing: Doing = 'other'): string {
  if (error instanceof VersionConflict) {
    return 'Someone else changed this while you were working on it. Reload to see their version.';
  }
  if (error instanceof ApiProblem) {
    switch (error.status) {
      case 400: {
        const fields = fieldErrors(error);
        return fields.length ? `Please check: ${fields.join(' ')}` : `That was not accepted: ${error.detail || 'the request was malformed'}.`;
      }
      case 401:
        return doing === 'login'
          ? 'That username and password do not match an active account. Check them and try again.'
          : 'Your session has ended. Please sign in again.';
      case 403:
        return /CSRF/i.test(error.detail)
          ? 'Your session has expired. Reload the page and sign in again.'
          : 'Your account is not allowed to do this.';
      case 404:
        return 'This no longer exists: someone may have deleted it.';
      case 413:
        return 'This is too large to save. Shorten the body and try again.';
      case 415:
        return 'The server could not read what was sent.';
      case 429: {
        const wait = error.retryAfter ?? Number(/(\d+) seconds?/.exec(error.detail)?.[1] ?? NaN);
        return Number.isFinite(wait)
          ? `Too many attempts. Please try again in ${waitPhrase(wait)}.`
          : 'Too many attempts. Please wait a little and try again.';
      }
      default:
        if (error.status >= 500) return 'The server had a problem and nothing was changed. Please try again in a moment.';
        return error.detail || error.title || 'Something went wrong.';
    }
  }
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}
