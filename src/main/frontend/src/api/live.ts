/**
 * Real-time updates (CONTRACT.md "Real-time"): the message format, the pure mapping from an event
 * to the React Query cache entries it affects, and a reconnecting socket.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { AnsafClient } from './client';
import { keys, type Resource } from './keys';

export type LiveModel = 'post' | 'category' | 'comment' | 'page';
export type LiveAction = 'created' | 'updated' | 'deleted';

export interface ChangeEvent {
  type: 'blog_change' | 'page_change';
  model: LiveModel;
  action: LiveAction;
  /** The id, or the slug for pages. */
  id: string;
  /** The resource as GET returns it to this socket's user; null on delete. */
  data: Record<string, unknown> | null;
  timestamp: string;
  /** Its place in the channel's history (CONTRACT.md "Change feed with catch-up"): opaque. */
  event_id?: string;
}
export interface ResyncEvent {
  type: 'resync';
  timestamp?: string;
  /** The newest change kept, when the server knows it: reconnecting from it needs no refetch. */
  event_id?: string | null;
}
export type LiveEvent = ChangeEvent | ResyncEvent;

const RESOURCE: Record<LiveModel, Resource> = {
  post: 'posts',
  category: 'categories',
  comment: 'comments',
  page: 'pages',
};

/** What one event does to the cache. */
export interface CacheEffects {
  /** Invalidate every query (resync: events may have been lost). */
  all: boolean;
  /** Detail entries to overwrite with the event's data (it is exactly what GET would return). */
  set: { key: QueryKey; data: Record<string, unknown> }[];
  /** Query-key prefixes to invalidate (refetched if in use). */
  invalidate: QueryKey[];
}

/**
 * The cache entries an event affects, and nothing else:
 * - the detail of that id (set from `data`; invalidated on delete) and every list of that model;
 * - what embeds it: a post's `comment_count` (comment events), categories' `post_count` (post
 *   events), posts' `category_detail` (category events);
 * - `resync`: everything.
 */
export function cacheEffects(event: LiveEvent): CacheEffects {
  if (event.type === 'resync') return { all: true, set: [], invalidate: [] };
  const resource = RESOURCE[event.model];
  if (!resource) return { all: false, set: [], invalidate: [] };
  const detail = keys.detail(resource, event.id);
  const effects: CacheEffects = { all: false, set: [], invalidate: [keys.lists(resource)] };
  if (event.action !== 'deleted' && event.data) effects.set.push({ key: detail, data: event.data });
  else effects.invalidate.push(detail);
  // A page's slug can change: its data is also the detail under the new slug.
  if (event.model === 'page' && event.data && typeof event.data.slug === 'string' && event.data.slug !== event.id) {
    effects.set.push({ key: keys.detail('pages', event.data.slug), data: event.data });
    effects.invalidate.push(detail);
  }
  if (event.model === 'post') effects.invalidate.push(keys.lists('categories'));
  if (event.model === 'category') effects.invalidate.push(keys.lists('posts'));
  if (event.model === 'comment') {
    const post = event.data?.post;
    effects.invalidate.push(post == null ? keys.details('posts') : keys.detail('posts', String(post)));
    effects.invalidate.push(keys.lists('posts'));
  }
  return effects;
}

/** Parses one socket message; null for anything that is not a contract event. */
export function parseLiveEvent(text: string): LiveEvent | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  const e = m as Omit<Partial<ChangeEvent>, 'type'> & { type?: string };
  if (e.type === 'resync') return { type: 'resync', timestamp: e.timestamp, ...(e.event_id ? { event_id: e.event_id } : {}) };
  if ((e.type === 'blog_change' || e.type === 'page_change') && e.model && e.model in RESOURCE && e.action && e.id != null) {
    return { ...(e as ChangeEvent), id: String(e.id), data: e.data ?? null };
  }
  return null;
}

/**
 * Makes every cached query under `queryKey` show the state after a change the server has committed.
 * `invalidateQueries` alone is not enough: a query whose first fetch is still in flight is not
 * fetched again (React Query hands the invalidation that fetch's promise), and that fetch may have
 * read the database before the change committed, so its stale answer would stay until the next
 * change. A list opened right after a delete (the deleted posts) showed exactly that. Cancelling
 * first makes the refetch start now, after the commit.
 */
export async function refetchAfterChange(qc: QueryClient, queryKey: QueryKey): Promise<void> {
  await qc.cancelQueries({ queryKey });
  await qc.invalidateQueries({ queryKey });
}

/** Applies an event to the cache; also remembers the new version for If-Match on later writes. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent, client?: AnsafClient): CacheEffects {
  const effects = cacheEffects(event);
  if (effects.all) {
    void refetchAfterChange(queryClient, []);
    return effects;
  }
  for (const { key, data } of effects.set) {
    queryClient.setQueryData(key, data);
    const [resource, , id] = key as [Resource, string, string];
    if (client && typeof data.version === 'number') client.rememberVersion(client[resource].path(id as never), data.version);
  }
  for (const key of effects.invalidate) void refetchAfterChange(queryClient, key);
  return effects;
}

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveSocketOptions {
  url: string;
  onEvent: (event: LiveEvent) => void;
  onStatus?: (status: LiveStatus) => void;
  /** First retry delay; doubles per failed attempt up to maxDelayMs, with ±20% jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  WebSocketImpl?: typeof WebSocket;
  /**
   * Where the channel's history stands now (`last_event_id` of GET /api/v1/changes/?limit=1),
   * asked once the first socket opens while no event has arrived yet, so that even a socket that
   * never received an event can catch up after a blip instead of refetching everything.
   */
  position?: () => Promise<string | null | undefined>;
}

/** The delay before reconnect attempt `attempt` (0-based): base·2^attempt, capped, with jitter. */
export function backoffDelay(attempt: number, baseDelayMs = 500, maxDelayMs = 30_000, random = Math.random): number {
  const raw = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/** The socket URL that catches up from `since` (none: live events only). */
export function catchUpUrl(url: string, since: string | null): string {
  if (!since) return url;
  const u = new URL(url);
  u.searchParams.set('since', since);
  return u.toString();
}

/**
 * One socket that reconnects with exponential backoff. It remembers the id of the last event it
 * received and reconnects with `?since=` that id: the server replays what was missed (the events
 * alone, so only what they touch is refetched) or, when it no longer keeps them, starts with
 * `resync`. Without any id yet (nothing received, no position known) a reconnect emits a synthetic
 * `resync`, since whatever changed while it was away was not delivered.
 */
export class LiveSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private everOpened = false;
  private last: string | null = null;

  constructor(private readonly options: LiveSocketOptions) {
    this.connect();
  }

  /** The id of the last event received (or of the position asked for): where a reconnect resumes. */
  get lastEventId(): string | null {
    return this.last;
  }

  private connect() {
    if (this.stopped) return;
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    this.options.onStatus?.(this.everOpened ? 'reconnecting' : 'connecting');
    const resumeFrom = this.last;
    const socket = new Impl(catchUpUrl(this.options.url, resumeFrom));
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened || this.attempt > 0;
      this.attempt = 0;
      const first = !this.everOpened;
      this.everOpened = true;
      this.options.onStatus?.('open');
      if (reconnected && !resumeFrom) this.options.onEvent({ type: 'resync' });
      if (first && this.options.position) {
        this.options.position().then(
          (id) => {
            if (id && this.last === null) this.last = id;
          },
          () => {},
        );
      }
    };
    socket.onmessage = (m) => {
      const event = typeof m.data === 'string' ? parseLiveEvent(m.data) : null;
      if (!event) return;
      if (event.event_id) this.last = event.event_id;
      else if (event.type === 'resync') this.last = null;
      this.options.onEvent(event);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      this.options.onStatus?.('reconnecting');
      const delay = backoffDelay(this.attempt++, this.options.baseDelayMs, this.options.maxDelayMs);
      this.timer = setTimeout(() => this.connect(), delay);
    };
    socket.onerror = () => socket.close();
  }

  close() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.options.onStatus?.('closed');
  }
}

/** ws(s)://host/ws/v1/<channel>/ for a client base URL ('' = the page's own origin). */
export function socketUrl(baseUrl: string, channel: 'blogs' | 'pages', location: { href: string } = globalThis.location): string {
  const base = new URL(baseUrl || '/', location.href);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  base.pathname = base.pathname.replace(/\/+$/, '') + `/ws/v1/${channel}/`;
  base.search = '';
  return base.toString();
}
