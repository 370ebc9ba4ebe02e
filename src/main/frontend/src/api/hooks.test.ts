import { describe, expect, it } from 'vitest';
import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { AnsafClient, VersionConflict } from './client';
import { createMutation, keys, listQuery, models, removeMutation, updateMutation } from './hooks';
import { applyLiveEvent } from './live';
import { fakeFetch, json, problem } from '../test/fakeServer';

const list = (...results: object[]) => ({ count: results.length, next: null, previous: null, results });

function setup(answer: (method: string) => Response | 'hold') {
  let release: (() => void) | null = null;
  const server = fakeFetch((req) => {
    if (req.path === '/api/v1/auth/csrf/') return undefined;
    const a = answer(req.method);
    if (a !== 'hold') return a;
    return undefined;
  });
  const gated: typeof fetch = async (input, init) => {
    if (init?.method && init.method !== 'GET' && answer(init.method) === 'hold') {
      await new Promise<void>((r) => (release = r));
      return answer(`${init.method}:released`) as Response;
    }
    return server.fetch(input, init);
  };
  const client = new AnsafClient({ fetch: gated });
  const qc = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  qc.setQueryData(keys.detail('posts', 7), { id: 7, title: 'Old', status: 'draft', version: 2 });
  qc.setQueryData(keys.list('posts', {}), list({ id: 7, title: 'Old', status: 'draft', version: 2 }, { id: 8, title: 'Eight', version: 1 }));
  return { client, qc, server, release: () => release?.() };
}

const titles = (qc: QueryClient) => (qc.getQueryData(keys.list('posts', {})) as ReturnType<typeof list>).results.map((p) => (p as { title: string }).title);

describe('optimistic mutations', () => {
  it('update shows the change at once and keeps the server answer', async () => {
    const t = setup((m) => (m === 'PATCH' ? 'hold' : json(200, { id: 7, title: 'New', status: 'published', version: 3 })));
    const run = new MutationObserver(t.qc, updateMutation(t.client, t.qc, models.posts)).mutate({ id: 7, patch: { title: 'New' }, ifMatch: '2' });
    await new Promise((r) => setTimeout(r, 20));
    expect(titles(t.qc)).toEqual(['New', 'Eight']);
    expect(t.qc.getQueryData(keys.detail('posts', 7))).toMatchObject({ title: 'New', version: 2 });
    t.release();
    await run;
    expect(t.qc.getQueryData(keys.detail('posts', 7))).toMatchObject({ title: 'New', status: 'published', version: 3 });
  });

  it('update rolls back on a version conflict and surfaces it', async () => {
    const t = setup((m) => (m === 'PATCH' ? 'hold' : problem(409, 'Conflict', 'Resource has been modified by another user', { current_version: 5 })));
    const run = new MutationObserver(t.qc, updateMutation(t.client, t.qc, models.posts)).mutate({ id: 7, patch: { title: 'Mine' }, ifMatch: '2' });
    await new Promise((r) => setTimeout(r, 20));
    expect(titles(t.qc)).toEqual(['Mine', 'Eight']);
    t.release();
    const error = await run.catch((e) => e);
    expect(error).toBeInstanceOf(VersionConflict);
    expect(error.currentVersion).toBe(5);
    expect(titles(t.qc)).toEqual(['Old', 'Eight']);
    expect(t.qc.getQueryData(keys.detail('posts', 7))).toMatchObject({ title: 'Old', version: 2 });
  });

  it('delete removes the item from lists at once and puts it back on failure', async () => {
    const t = setup((m) => (m === 'DELETE' ? 'hold' : problem(403, 'Forbidden', 'Not yours.')));
    const run = new MutationObserver(t.qc, removeMutation(t.client, t.qc, models.posts)).mutate({ id: 7 });
    await new Promise((r) => setTimeout(r, 20));
    expect(titles(t.qc)).toEqual(['Eight']);
    t.release();
    await expect(run).rejects.toMatchObject({ status: 403 });
    expect(titles(t.qc)).toEqual(['Old', 'Eight']);
  });

  it('create shows a placeholder first and removes it when the server refuses', async () => {
    const t = setup((m) => (m === 'POST' ? 'hold' : problem(400, 'Bad Request', 'Invalid', { errors: { title: ['too long'] } })));
    const run = new MutationObserver(t.qc, createMutation(t.client, t.qc, models.posts)).mutate({ title: 'Draft' } as never);
    await new Promise((r) => setTimeout(r, 20));
    expect(titles(t.qc)).toEqual(['Draft', 'Old', 'Eight']);
    t.release();
    await expect(run).rejects.toMatchObject({ errors: { title: ['too long'] } });
    expect(titles(t.qc)).toEqual(['Old', 'Eight']);
  });
});

describe('lists opened while a change is committing', () => {
  // The dashboard's delete → "deleted" filter → Restore: the deleted list's first fetch read the
  // database before the delete committed and was still in flight when the delete settled.
  function deletedListFetchedDuringDelete() {
    const stale = list();
    const fresh = list({ id: 7, title: 'Old', version: 3 });
    let listFetches = 0;
    let releaseFirstFetch: (() => void) | null = null;
    let releaseDelete: (() => void) | null = null;
    const client = new AnsafClient({
      fetch: async (input, init) => {
        const url = String(input);
        if (url.includes('/auth/csrf/')) return json(200, { csrf_token: 't' });
        if (init?.method === 'DELETE') {
          await new Promise<void>((r) => (releaseDelete = r));
          return new Response(null, { status: 204 });
        }
        if (url.includes('status=deleted')) {
          listFetches++;
          if (listFetches === 1) {
            await new Promise<void>((r) => (releaseFirstFetch = r));
            return json(200, stale);
          }
          return json(200, fresh);
        }
        return json(200, list());
      },
    });
    const qc = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    const deletedKey = keys.list('posts', { status: 'deleted' });
    const observer = new QueryObserver(qc, listQuery(client, models.posts as never, { status: 'deleted' }));
    return {
      client, qc, deletedKey, observer,
      fetches: () => listFetches,
      releaseFirstFetch: () => releaseFirstFetch?.(),
      releaseDelete: () => releaseDelete?.(),
    };
  }
  const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
  const ids = (qc: QueryClient, key: readonly unknown[]) => (qc.getQueryData(key) as ReturnType<typeof list> | undefined)?.results.map((p) => (p as { id: number }).id);

  it('a delete that settles during the list\'s first fetch fetches the list again', async () => {
    const t = deletedListFetchedDuringDelete();
    const run = new MutationObserver(t.qc, removeMutation(t.client, t.qc, models.posts)).mutate({ id: 7 });
    await tick();
    const unsubscribe = t.observer.subscribe(() => {});
    await tick();
    t.releaseDelete();
    await run;
    await tick();
    t.releaseFirstFetch();
    await tick();
    expect(t.fetches()).toBe(2);
    expect(ids(t.qc, t.deletedKey)).toEqual([7]);
    unsubscribe();
  });

  it('a live event that arrives during the list\'s first fetch fetches the list again', async () => {
    const t = deletedListFetchedDuringDelete();
    const unsubscribe = t.observer.subscribe(() => {});
    await tick();
    applyLiveEvent(t.qc, { type: 'blog_change', model: 'post', action: 'deleted', id: '7', data: null, timestamp: '2024-01-01T12:00:00Z' });
    await tick();
    t.releaseFirstFetch();
    await tick();
    expect(t.fetches()).toBe(2);
    expect(ids(t.qc, t.deletedKey)).toEqual([7]);
    unsubscribe();
  });
});
