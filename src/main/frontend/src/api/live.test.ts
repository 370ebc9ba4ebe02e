import { describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { applyLiveEvent, backoffDelay, cacheEffects, LiveSocket, parseLiveEvent, socketUrl, type LiveEvent } from './live';
import { keys } from './keys';
import { AnsafClient } from './client';

const event = (over: Partial<LiveEvent & { data: unknown }>): LiveEvent => ({
  type: 'blog_change', model: 'post', action: 'updated', id: '7', data: { id: 7, title: 'New', version: 3 },
  timestamp: '2024-01-01T12:00:00Z', ...over,
} as LiveEvent);

describe('cacheEffects: event → affected query keys', () => {
  it('an updated post sets its detail and invalidates post lists and category counts', () => {
    expect(cacheEffects(event({}))).toEqual({
      all: false,
      set: [{ key: ['posts', 'detail', '7'], data: { id: 7, title: 'New', version: 3 } }],
      invalidate: [['posts', 'list'], ['categories', 'list']],
    });
  });

  it('a deleted post invalidates its detail instead of setting it', () => {
    expect(cacheEffects(event({ action: 'deleted', data: null }))).toEqual({
      all: false, set: [], invalidate: [['posts', 'list'], ['posts', 'detail', '7'], ['categories', 'list']],
    });
  });

  it('a comment also refreshes the comment_count of its post', () => {
    const e = cacheEffects(event({ model: 'comment', action: 'created', id: '3', data: { id: 3, post: 7 } }));
    expect(e.set.map((s) => s.key)).toEqual([['comments', 'detail', '3']]);
    expect(e.invalidate).toEqual([['comments', 'list'], ['posts', 'detail', '7'], ['posts', 'list']]);
  });

  it('a category refreshes the posts that embed it', () => {
    const e = cacheEffects(event({ model: 'category', id: '2', data: { id: 2, name: 'News' } }));
    expect(e.invalidate).toEqual([['categories', 'list'], ['posts', 'list']]);
  });

  it('pages are keyed by slug, also under a new slug', () => {
    const same = cacheEffects(event({ type: 'page_change', model: 'page', id: 'about', data: { slug: 'about' } }));
    expect(same).toEqual({ all: false, set: [{ key: ['pages', 'detail', 'about'], data: { slug: 'about' } }], invalidate: [['pages', 'list']] });
    const renamed = cacheEffects(event({ type: 'page_change', model: 'page', id: 'about', data: { slug: 'about-us' } }));
    expect(renamed.set.map((s) => s.key)).toEqual([['pages', 'detail', 'about'], ['pages', 'detail', 'about-us']]);
    expect(renamed.invalidate).toContainEqual(['pages', 'detail', 'about']);
  });

  it('resync invalidates everything', () => {
    expect(cacheEffects({ type: 'resync' })).toEqual({ all: true, set: [], invalidate: [] });
  });
});

describe('applyLiveEvent on a real QueryClient', () => {
  function seeded() {
    const qc = new QueryClient();
    qc.setQueryData(keys.detail('posts', 7), { id: 7, title: 'Old', version: 2 });
    qc.setQueryData(keys.detail('posts', 8), { id: 8, title: 'Other', version: 1 });
    qc.setQueryData(keys.list('posts', { status: 'draft' }), { count: 1, results: [] });
    qc.setQueryData(keys.list('pages', {}), { count: 0, results: [] });
    qc.setQueryData(keys.list('categories', {}), { count: 0, results: [] });
    return qc;
  }
  const stale = (qc: QueryClient) => qc.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => q.queryKey);

  // Invalidation waits for in-flight fetches to be cancelled (see refetchAfterChange): a tick.
  const settled = () => new Promise((r) => setTimeout(r, 0));

  it('touches exactly the affected queries and remembers the new version for If-Match', async () => {
    const qc = seeded();
    const client = new AnsafClient({ baseUrl: 'http://x' });
    applyLiveEvent(qc, event({}), client);
    await settled();
    expect(qc.getQueryData(keys.detail('posts', 7))).toEqual({ id: 7, title: 'New', version: 3 });
    expect(qc.getQueryData(keys.detail('posts', 8))).toEqual({ id: 8, title: 'Other', version: 1 });
    expect(stale(qc)).toEqual([['posts', 'list', { status: 'draft' }], ['categories', 'list', {}]]);
    expect(client.etagFor('/api/v1/blogs/posts/7/')).toBe('3');
  });

  it('resync invalidates every query', async () => {
    const qc = seeded();
    applyLiveEvent(qc, { type: 'resync' });
    await settled();
    expect(stale(qc)).toHaveLength(5);
  });
});

describe('messages and sockets', () => {
  it('parses contract messages and ignores anything else', () => {
    expect(parseLiveEvent('{"type":"resync","timestamp":"t"}')).toEqual({ type: 'resync', timestamp: 't' });
    expect(parseLiveEvent('{"type":"page_change","model":"page","action":"deleted","id":"about","data":null,"timestamp":"t"}'))
      .toMatchObject({ model: 'page', id: 'about', data: null });
    expect(parseLiveEvent('{"type":"blog_change","model":"post","action":"created","id":5,"data":{},"timestamp":"t"}')!)
      .toMatchObject({ id: '5' });
    expect(parseLiveEvent('{"type":"pong"}')).toBeNull();
    expect(parseLiveEvent('{"type":"blog_change","model":"user","action":"created","id":"1"}')).toBeNull();
    expect(parseLiveEvent('not json')).toBeNull();
  });

  it('backs off exponentially up to the cap, with jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 500, 8000, mid))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(backoffDelay(0, 1000, 8000, () => 0)).toBe(800);
    expect(backoffDelay(0, 1000, 8000, () => 1)).toBe(1200);
  });

  it('derives socket URLs from the client base URL', () => {
    expect(socketUrl('', 'blogs', { href: 'https://a.example/dashboard/' })).toBe('wss://a.example/ws/v1/blogs/');
    expect(socketUrl('http://b.example:8080', 'pages', { href: 'https://a.example/' })).toBe('ws://b.example:8080/ws/v1/pages/');
  });

  it('reconnects after a drop and then asks for a resync', () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    class FakeSocket {
      onopen: (() => void) | null = null;
      onclose: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onmessage: ((m: { data: string }) => void) | null = null;
      constructor(readonly url: string) { sockets.push(this); }
      close() { this.onclose?.(); }
    }
    const events: LiveEvent[] = [];
    const statuses: string[] = [];
    const live = new LiveSocket({
      url: 'ws://x/ws/v1/blogs/', baseDelayMs: 100, maxDelayMs: 1000,
      onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s),
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    sockets[0].onopen!();
    sockets[0].onmessage!({ data: JSON.stringify(event({})) });
    sockets[0].onclose!();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(2);
    sockets[1].onclose!(); // second failure: waits about twice as long
    vi.advanceTimersByTime(150);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(150);
    expect(sockets).toHaveLength(3);
    sockets[2].onopen!();
    expect(events.map((e) => e.type)).toEqual(['blog_change', 'resync']);
    live.close();
    vi.advanceTimersByTime(5000);
    expect(sockets).toHaveLength(3);
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'open', 'closed']);
    vi.useRealTimers();
  });
  it('reconnects from the last event id, with no synthetic resync, and follows resync frames', async () => {
    vi.useFakeTimers();
    const sockets: { url: string; onopen: (() => void) | null; onclose: (() => void) | null; onmessage: ((m: { data: string }) => void) | null }[] = [];
    class FakeSocket {
      onopen: (() => void) | null = null;
      onclose: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onmessage: ((m: { data: string }) => void) | null = null;
      constructor(readonly url: string) { sockets.push(this); }
      close() { this.onclose?.(); }
    }
    const events: LiveEvent[] = [];
    const live = new LiveSocket({
      url: 'ws://x/ws/v1/blogs/', baseDelayMs: 100, maxDelayMs: 1000,
      onEvent: (e) => events.push(e),
      position: () => Promise.resolve('e1-000000000007'),
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    sockets[0].onopen!();
    await Promise.resolve();
    expect(live.lastEventId).toBe('e1-000000000007');
    sockets[0].onclose!();
    vi.advanceTimersByTime(200);
    expect(sockets[1].url).toBe('ws://x/ws/v1/blogs/?since=e1-000000000007');
    sockets[1].onopen!();
    expect(events).toEqual([]);
    sockets[1].onmessage!({ data: JSON.stringify({ ...event({}), event_id: 'e1-000000000009' }) });
    sockets[1].onclose!();
    vi.advanceTimersByTime(200);
    expect(sockets[2].url).toBe('ws://x/ws/v1/blogs/?since=e1-000000000009');
    sockets[2].onopen!();
    sockets[2].onmessage!({ data: JSON.stringify({ type: 'resync', event_id: 'e2-000000000003', timestamp: 't' }) });
    expect(events.map((e) => e.type)).toEqual(['blog_change', 'resync']);
    expect(live.lastEventId).toBe('e2-000000000003');
    live.close();
    vi.useRealTimers();
  });
});
