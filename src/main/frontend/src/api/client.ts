/**
 * A small typed client of the Ansaf REST API (CONTRACT.md), on fetch.
 *
 * - Session cookies: every request uses `credentials: 'include'`.
 * - CSRF: the token is fetched once from /api/v1/auth/csrf/ and sent as X-CSRFToken on every
 *   POST/PUT/PATCH/DELETE; login and logout replace it from their X-CSRFToken response header.
 *   A 403 "CSRF Failed" (an expired session) refetches the token and retries once.
 * - Optimistic locking: the last ETag seen for a resource URL is sent as If-Match on
 *   PATCH/PUT/DELETE of that URL, unless the call passes its own `ifMatch` (an editor pins the
 *   version it loaded: `ifMatch: String(post.version)`; `'*'` forces).
 * - Errors: a 409 throws {@link VersionConflict} (with `currentVersion`), any other error status
 *   throws {@link ApiProblem} built from the problem+json body (RFC 9457).
 */
import type { components } from './schema';

type Schemas = components['schemas'];
export type Post = Schemas['PostView'];
export type PostInput = Schemas['PostInput'];
export type Category = Schemas['CategoryView'];
export type CategoryInput = Schemas['CategoryInput'];
export type Comment = Schemas['CommentView'];
export type CommentInput = Schemas['CommentInput'];
export type Page = Schemas['PageView'];
export type PageInput = Schemas['PageInput'];
export type Me = Schemas['MeView'];
export type User = Schemas['UserView'];
export type UserInput = Schemas['UserInput'];
/** A batch of the change feed (GET /api/v1/changes/). */
export type Changes = Schemas['Changes'];
export interface ChangesParams {
  channel: 'blogs' | 'pages';
  /** An event id received before; without it, the newest `limit` events. */
  since?: string;
  /** At most 500 (default 100). */
  limit?: number;
}
export type UserPatch = Schemas['UserPatch'];
/** Revisions of posts and pages: a list entry (no content), one with its content, a diff of two. */
export type RevisionSummary = Schemas['RevisionSummary'];
export type Revision = Schemas['Revision'];
export type RevisionDiff = Schemas['RevisionDiff'];
/** The item whose history is asked for: a post by id, a page by slug. */
export type RevisionTarget = { kind: 'posts'; id: number } | { kind: 'pages'; id: string };
export type ProblemBody = Schemas['Problem'] & {
  errors?: Record<string, string[]>;
  current_version?: number;
  changed_fields?: string[];
  conflicting_fields?: string[];
  [extra: string]: unknown;
};

/** A DRF-style page of a list. */
export interface Paginated<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export type PostStatus = Schemas['PostView']['status'];
export type PageStatus = Schemas['PageView']['status'];

/** Common list parameters: pagination, search and ordering (`'-published_at,title'`). */
export interface ListParams {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
}
/**
 * Ranked full-text search, on posts and pages: words (all required, stemmed), `"phrases"`,
 * `-excluded` words and `or`. Results come by relevance unless `ordering` is given, each with
 * `search: { rank, headline }` (the headline HTML-escaped but for `<mark>` around matches).
 */
export interface RankedSearchParams {
  q?: string;
}
export type SearchHit = Schemas['SearchHit'];

export interface PostListParams extends ListParams, RankedSearchParams {
  /** `deleted` lists soft-deleted posts (staff only). */
  status?: PostStatus | 'deleted';
  /** Category id or slug. */
  category?: number | string;
  /** Author id or username. */
  author?: number | string;
}
export interface CommentListParams extends ListParams {
  post?: number;
}
export interface PageListParams extends ListParams, RankedSearchParams {
  status?: PageStatus;
}

/** Writable fields (what PATCH takes): everything of the input, optional. */
export type PostPatch = Schemas['PostPatch'];
export type PagePatch = Schemas['PagePatch'];
export type CategoryPatch = Schemas['CategoryPatch'];
export type CommentPatch = Schemas['CommentPatch'];

/** An error answer of the API, from its problem+json body. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  /** Validation errors per field (400), empty otherwise. */
  readonly errors: Record<string, string[]>;
  readonly body: ProblemBody | null;
  /** Seconds to wait before trying again, from a 429's (or 503's) Retry-After header; null when absent. */
  readonly retryAfter: number | null;

  constructor(status: number, body: ProblemBody | null, fallbackTitle = '', retryAfter: string | null = null) {
    const title = body?.title ?? fallbackTitle ?? `HTTP ${status}`;
    const detail = body?.detail ?? '';
    super(detail ? `${status} ${title}: ${detail}` : `${status} ${title}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = body?.type ?? 'about:blank';
    this.errors = body?.errors ?? {};
    this.body = body;
    this.retryAfter = parseRetryAfter(retryAfter);
  }
}

/** Retry-After as seconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3). */
function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** A 409: the resource changed since the version the write was based on; nothing was written. */
export class VersionConflict extends ApiProblem {
  /** The version now stored on the server (fetch it to see what changed). */
  readonly currentVersion: number | null;
  /** Fields changed since the version If-Match named, when the server still keeps it (else null). */
  readonly changedFields: string[] | null;
  /** Of those, the ones this write sends too: the real collisions. */
  readonly conflictingFields: string[] | null;

  constructor(body: ProblemBody | null) {
    super(409, body, 'Conflict');
    this.name = 'VersionConflict';
    this.currentVersion = typeof body?.current_version === 'number' ? body.current_version : null;
    this.changedFields = Array.isArray(body?.changed_fields) ? body.changed_fields : null;
    this.conflictingFields = Array.isArray(body?.conflicting_fields) ? body.conflicting_fields : null;
  }
}

export interface ClientOptions {
  /** Origin (and optional prefix) of the server, e.g. `https://ansaf.example`; default: same origin. */
  baseUrl?: string;
  /** The fetch to use (tests pass one with a cookie jar); default: the global fetch. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: object;
  body?: unknown;
  /** If-Match to send instead of the remembered ETag; `null` sends none. */
  ifMatch?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | null;
  headers: Headers;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CONDITIONAL = new Set(['PUT', 'PATCH', 'DELETE']);

export class AnsafClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private csrfToken: string | null = null;
  private csrfPending: Promise<string> | null = null;
  private readonly etags = new Map<string, string>();

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    const f = options.fetch ?? globalThis.fetch;
    this.fetchImpl = (input, init) => f(input, init);
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /** The ETag last seen for a resource path (`/api/v1/blogs/posts/7/`), if any. */
  etagFor(path: string): string | null {
    return this.etags.get(resourceKey(path)) ?? null;
  }

  /** Records what to send as If-Match for a path: an ETag, or a bare version number (the contract accepts both). */
  rememberVersion(path: string, etagOrVersion: string | number): void {
    this.etags.set(resourceKey(path), String(etagOrVersion));
  }

  forgetVersion(path: string): void {
    this.etags.delete(resourceKey(path));
  }

  /** The session's CSRF token, fetched from /api/v1/auth/csrf/ when not yet known. */
  async csrf(refresh = false): Promise<string> {
    if (this.csrfToken && !refresh) return this.csrfToken;
    if (!this.csrfPending) {
      this.csrfPending = this.request<{ csrf_token: string }>('GET', '/api/v1/auth/csrf/')
        .then((r) => (this.csrfToken = r.data.csrf_token))
        .finally(() => (this.csrfPending = null));
    }
    return this.csrfPending;
  }

  url(path: string, query?: object): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== null && v !== '') qs.append(k, String(v));
    }
    const s = qs.toString();
    return this.baseUrl + path + (s ? `?${s}` : '');
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}, retried = false): Promise<ApiResponse<T>> {
    method = method.toUpperCase();
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (UNSAFE.has(method)) headers['X-CSRFToken'] = await this.csrf();
    if (CONDITIONAL.has(method)) {
      const ifMatch = options.ifMatch === undefined ? this.etagFor(path) : options.ifMatch;
      if (ifMatch) headers['If-Match'] = ifMatch;
    }
    const res = await this.fetchImpl(this.url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'include',
      signal: options.signal,
    });

    const token = res.headers.get('X-CSRFToken');
    if (token) this.csrfToken = token;
    const etag = res.headers.get('ETag');

    if (!res.ok) {
      const problem = await readProblem(res);
      if (res.status === 409) throw new VersionConflict(problem);
      if (res.status === 403 && !retried && UNSAFE.has(method) && problem?.detail?.startsWith('CSRF Failed')) {
        await this.csrf(true);
        return this.request<T>(method, path, options, true);
      }
      throw new ApiProblem(res.status, problem, res.statusText, res.headers.get('Retry-After'));
    }

    if (method === 'DELETE') this.forgetVersion(path);
    else if (etag) {
      const location = method === 'POST' && res.status === 201 ? res.headers.get('Location') : null;
      this.rememberVersion(location ? new URL(location, 'http://x').pathname : path, etag);
    }
    const text = res.status === 204 ? '' : await res.text();
    return { status: res.status, data: (text ? JSON.parse(text) : null) as T, etag, headers: res.headers };
  }

  private async data<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>(method, path, options)).data;
  }

  // ---- resources --------------------------------------------------------------------------------

  readonly auth = {
    me: () => this.data<Me>('GET', '/api/v1/auth/me/'),
    login: async (username: string, password: string) => {
      const res = await this.request<Me>('POST', '/api/v1/auth/login/', { body: { username, password } });
      // A new session: forget what the old one saw; the new token came in the header (else fetch it later).
      if (!res.headers.get('X-CSRFToken')) this.csrfToken = null;
      this.etags.clear();
      return res.data;
    },
    logout: async () => {
      const res = await this.request<null>('POST', '/api/v1/auth/logout/');
      this.etags.clear();
      if (!res.headers.get('X-CSRFToken')) this.csrfToken = null;
    },
    users: {
      list: (params?: ListParams) => this.data<Paginated<User>>('GET', '/api/v1/auth/users/', { query: params }),
      create: (input: UserInput) => this.data<User>('POST', '/api/v1/auth/users/', { body: input }),
      get: (id: number) => this.data<User>('GET', `/api/v1/auth/users/${id}/`),
      update: (id: number, patch: UserPatch) => this.data<User>('PATCH', `/api/v1/auth/users/${id}/`, { body: patch, ifMatch: null }),
    },
  };

  readonly posts = this.resource<Post, PostInput, PostPatch, PostListParams, number>('/api/v1/blogs/posts/');
  readonly categories = this.resource<Category, CategoryInput, CategoryPatch, ListParams, number>('/api/v1/blogs/categories/');
  readonly comments = this.resource<Comment, CommentInput, CommentPatch, CommentListParams, number>('/api/v1/blogs/comments/');
  readonly pages = this.resource<Page, PageInput, PagePatch, PageListParams, string>('/api/v1/pages/');

  /**
   * The change feed for clients that poll: the events after `since` that this session may read
   * (a 410 problem when `since` is no longer kept: refetch, then poll without it).
   */
  changes(params: ChangesParams, signal?: AbortSignal): Promise<Changes> {
    return this.data<Changes>('GET', '/api/v1/changes/', { query: params, signal });
  }

  /**
   * Revisions of a post or page (its author and staff): the list newest first, one with its
   * content, the diff of two (`against` defaults to the version before), and revert, which makes
   * that revision's content a new version (`ifMatch`: the current version the reverter saw).
   */
  readonly revisions = {
    list: (target: RevisionTarget, params?: { page?: number; page_size?: number }, signal?: AbortSignal) =>
      this.data<Paginated<RevisionSummary>>('GET', `${this.itemPath(target)}revisions/`, { query: params, signal }),
    get: (target: RevisionTarget, version: number, signal?: AbortSignal) =>
      this.data<Revision>('GET', `${this.itemPath(target)}revisions/${version}/`, { signal }),
    diff: (target: RevisionTarget, version: number, against?: number, signal?: AbortSignal) =>
      this.data<RevisionDiff>('GET', `${this.itemPath(target)}revisions/${version}/diff/`, { query: { against }, signal }),
    revert: <T = Post | Page>(target: RevisionTarget, version: number, ifMatch?: string) =>
      this.data<T>('POST', `${this.itemPath(target)}revisions/${version}/revert/`, {
        headers: ifMatch ? { 'If-Match': ifMatch } : {},
      }),
  };

  /**
   * PATCH that the server may merge onto a newer version (`Prefer: conflict=merge`): applied when
   * none of the sent fields changed since `ifMatch`; otherwise a {@link VersionConflict} naming the
   * `conflictingFields`. `merged` says whether the server merged.
   */
  async patchMerging<T>(path: string, patch: object, ifMatch: string): Promise<{ data: T; merged: boolean }> {
    const res = await this.request<T>('PATCH', path, { body: patch, ifMatch, headers: { Prefer: 'conflict=merge' } });
    return { data: res.data, merged: (res.headers.get('Preference-Applied') ?? '').includes('conflict=merge') };
  }

  private itemPath(target: RevisionTarget): string {
    return target.kind === 'posts'
      ? `/api/v1/blogs/posts/${target.id}/`
      : `/api/v1/pages/${encodeURIComponent(target.id)}/`;
  }

  /** Restores a soft-deleted post (staff). */
  restorePost(id: number): Promise<Post> {
    return this.data<Post>('POST', `/api/v1/blogs/posts/${id}/restore/`);
  }

  /** Restores a soft-deleted page (staff). */
  restorePage(slug: string): Promise<Page> {
    return this.data<Page>('POST', `/api/v1/pages/${encodeURIComponent(slug)}/restore/`);
  }

  private resource<T, I, P, L extends object, K extends string | number>(base: string) {
    const one = (id: K) => `${base}${encodeURIComponent(String(id))}/`;
    return {
      path: one,
      list: (params?: L, signal?: AbortSignal) => this.data<Paginated<T>>('GET', base, { query: params, signal }),
      get: (id: K, signal?: AbortSignal) => this.data<T>('GET', one(id), { signal }),
      create: (input: I) => this.data<T>('POST', base, { body: input }),
      update: (id: K, patch: P, ifMatch?: string | null) => this.data<T>('PATCH', one(id), { body: patch, ifMatch }),
      replace: (id: K, input: I, ifMatch?: string | null) => this.data<T>('PUT', one(id), { body: input, ifMatch }),
      remove: (id: K, ifMatch?: string | null) => this.data<null>('DELETE', one(id), { ifMatch }),
    };
  }
}

/** The key ETags are remembered under: the path without origin or query. */
function resourceKey(path: string): string {
  return new URL(path, 'http://x').pathname;
}

async function readProblem(res: Response): Promise<ProblemBody | null> {
  const type = res.headers.get('Content-Type') ?? '';
  if (!/json/i.test(type)) return null;
  try {
    return (await res.json()) as ProblemBody;
  } catch {
    return null;
  }
}
