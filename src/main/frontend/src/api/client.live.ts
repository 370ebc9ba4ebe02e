/**
 * The client against a real Ansaf server: ANSAF_BASE_URL (DashboardIT runs this with the shared
 * test server), logging in as ANSAF_ADMIN / ANSAF_ADMIN_PASSWORD.
 */
import { describe, expect, it } from 'vitest';
import { AnsafClient, ApiProblem, VersionConflict } from './client';
import { cookieFetch } from '../test/cookieFetch';

const base = process.env.ANSAF_BASE_URL ?? 'http://localhost:8080';
const admin = process.env.ANSAF_ADMIN ?? 'admin';
const password = process.env.ANSAF_ADMIN_PASSWORD ?? 'admin-password-123';
const unique = (s: string) => `${s} ${Math.random().toString(36).slice(2, 8)}`;

async function staff() {
  const client = new AnsafClient({ baseUrl: base, fetch: cookieFetch() });
  await client.auth.login(admin, password);
  return client;
}

describe('against the real server', () => {
  it('logs in with a CSRF token and rotates it', async () => {
    const client = new AnsafClient({ baseUrl: base, fetch: cookieFetch() });
    const before = await client.csrf();
    const me = await client.auth.login(admin, password);
    expect(me).toMatchObject({ username: admin, is_staff: true });
    expect(await client.csrf()).not.toBe(before);
    await expect(client.auth.me()).resolves.toMatchObject({ username: admin });
    await client.auth.logout();
    await expect(client.auth.me()).rejects.toMatchObject({ status: 401 });
  });

  it('a write without the session CSRF token is refused with 403', async () => {
    const fetchWithJar = cookieFetch();
    const client = new AnsafClient({ baseUrl: base, fetch: fetchWithJar });
    await client.auth.login(admin, password);
    const res = await fetchWithJar(`${base}/api/v1/blogs/posts/`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRFToken': 'wrong' }, body: '{"title":"x"}',
    });
    expect(res.status).toBe(403);
  });

  it('tracks ETags: a stale If-Match is a VersionConflict, the fresh one wins', async () => {
    const a = await staff();
    const b = await staff();
    const post = await a.posts.create({ title: unique('Live ETag') } as never);
    await b.posts.get(post.id); // b remembers version 1
    await a.posts.update(post.id, { title: 'changed by a' }); // a's If-Match: the ETag from create
    const conflict = await b.posts.update(post.id, { title: 'changed by b' }).catch((e) => e);
    expect(conflict).toBeInstanceOf(VersionConflict);
    expect(conflict.currentVersion).toBe(2);
    await b.posts.get(post.id);
    await expect(b.posts.update(post.id, { title: 'b again' })).resolves.toMatchObject({ title: 'b again', version: 3 });
    await b.posts.remove(post.id);
    await expect(a.restorePost(post.id)).resolves.toMatchObject({ id: post.id });
  });

  it('parses validation problems with every invalid field', async () => {
    const a = await staff();
    const error = await a.posts.create({ title: '', status: 'nonsense' } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.status).toBe(400);
    expect(Object.keys(error.errors).sort()).toEqual(expect.arrayContaining(['title']));
  });

  it('lists with filters and pagination', async () => {
    const a = await staff();
    const title = unique('Paged');
    await a.posts.create({ title, status: 'draft' } as never);
    const page = await a.posts.list({ status: 'draft', search: title, page_size: 1 });
    expect(page.count).toBe(1);
    expect(page.results[0].title).toBe(title);
    const anonymous = new AnsafClient({ baseUrl: base, fetch: cookieFetch() });
    expect((await anonymous.posts.list({ search: title })).count).toBe(0);
  });
});
