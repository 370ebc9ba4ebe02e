import { describe, expect, it } from 'vitest';
import { AnsafClient, ApiProblem, VersionConflict } from './client';
import { fakeFetch, json, problem } from '../test/fakeServer';

const post = (version: number) => ({ id: 7, title: `v${version}`, version });

describe('CSRF', () => {
  it('fetches the token once and sends it on unsafe methods only', async () => {
    const server = fakeFetch((req) => (req.path.startsWith('/api/v1/blogs/posts/') ? json(200, post(1)) : undefined));
    const client = new AnsafClient({ fetch: server.fetch });

    await client.posts.get(7);
    await client.posts.update(7, { title: 'a' });
    await client.posts.update(7, { title: 'b' });

    const [get, csrf, patch1, patch2] = server.requests;
    expect(get.headers['x-csrftoken']).toBeUndefined();
    expect(csrf.path).toBe('/api/v1/auth/csrf/');
    expect(patch1.headers['x-csrftoken']).toBe('token-1');
    expect(patch2.headers['x-csrftoken']).toBe('token-1');
    expect(server.requests.filter((r) => r.path === '/api/v1/auth/csrf/')).toHaveLength(1);
  });

  it('takes the new token from the X-CSRFToken header of login', async () => {
    const server = fakeFetch((req) => {
      if (req.path === '/api/v1/auth/login/') return json(200, { id: 1, username: 'a', is_staff: true }, { 'X-CSRFToken': 'after-login' });
      if (req.path === '/api/v1/blogs/posts/') return json(201, post(1), { Location: '/api/v1/blogs/posts/7/', ETag: '"p7-1"' });
      return undefined;
    });
    const client = new AnsafClient({ fetch: server.fetch });

    await client.auth.login('a', 'secret-password');
    await client.posts.create({ title: 'x' } as never);

    expect(server.requests[1].headers['x-csrftoken']).toBe('token-1'); // login itself needs a token
    expect(server.requests[2].headers['x-csrftoken']).toBe('after-login');
  });

  it('fetches a fresh token after logout when none came in the header', async () => {
    const server = fakeFetch((req) => {
      if (req.path === '/api/v1/auth/logout/') return json(204, null);
      if (req.path === '/api/v1/auth/login/') return json(200, { id: 1 });
      return undefined;
    });
    const client = new AnsafClient({ fetch: server.fetch });
    await client.auth.logout();
    await client.auth.login('a', 'b');
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v1/auth/csrf/', '/api/v1/auth/logout/', '/api/v1/auth/csrf/', '/api/v1/auth/login/',
    ]);
    expect(server.requests[3].headers['x-csrftoken']).toBe('token-2');
  });

  it('refetches the token and retries once on 403 "CSRF Failed"', async () => {
    let failures = 0;
    const server = fakeFetch((req) => {
      if (req.method === 'PATCH' && req.headers['x-csrftoken'] === 'token-1') {
        failures++;
        return problem(403, 'Forbidden', 'CSRF Failed: CSRF token incorrect.');
      }
      if (req.method === 'PATCH') return json(200, post(2));
      return undefined;
    });
    const client = new AnsafClient({ fetch: server.fetch });
    await expect(client.posts.update(7, { title: 'x' })).resolves.toMatchObject({ version: 2 });
    expect(failures).toBe(1);
  });

  it('does not retry a 403 that is about permissions', async () => {
    const server = fakeFetch((req) => (req.method === 'DELETE' ? problem(403, 'Forbidden', 'Staff only.') : undefined));
    const client = new AnsafClient({ fetch: server.fetch });
    await expect(client.pages.remove('about')).rejects.toMatchObject({ status: 403, detail: 'Staff only.' });
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});

describe('If-Match and ETags', () => {
  it('sends the last ETag seen for that URL on PATCH, PUT and DELETE, and not for other URLs', async () => {
    let version = 1;
    const server = fakeFetch((req) => {
      if (req.path === '/api/v1/blogs/posts/7/') {
        if (req.method !== 'GET') version++;
        return req.method === 'DELETE' ? json(204, null) : json(200, post(version), { ETag: `"p7-${version}"` });
      }
      if (req.path === '/api/v1/blogs/posts/8/') return json(200, { id: 8, version: 1 });
      return undefined;
    });
    const client = new AnsafClient({ fetch: server.fetch });

    await client.posts.get(7);
    await client.posts.update(7, { title: 'a' });
    await client.posts.replace(7, { title: 'b' } as never);
    await client.posts.update(8, { title: 'c' });
    await client.posts.remove(7);
    await client.posts.update(7, { title: 'd' });

    const writes = server.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.path, r.headers['if-match']])).toEqual([
      ['PATCH', '/api/v1/blogs/posts/7/', '"p7-1"'],
      ['PUT', '/api/v1/blogs/posts/7/', '"p7-2"'],
      ['PATCH', '/api/v1/blogs/posts/8/', undefined],
      ['DELETE', '/api/v1/blogs/posts/7/', '"p7-3"'],
      ['PATCH', '/api/v1/blogs/posts/7/', undefined], // forgotten after the delete
    ]);
  });

  it('remembers the ETag of a created resource under its Location', async () => {
    const server = fakeFetch((req) => {
      if (req.method === 'POST') return json(201, { slug: 'about', version: 1 }, { Location: 'http://test/api/v1/pages/about/', ETag: '"pg-1"' });
      if (req.method === 'PATCH') return json(200, { slug: 'about', version: 2 });
      return undefined;
    });
    const client = new AnsafClient({ fetch: server.fetch });
    await client.pages.create({ title: 'About' } as never);
    await client.pages.update('about', { body: 'x' });
    expect(server.requests.at(-1)!.headers['if-match']).toBe('"pg-1"');
    expect(client.etagFor('/api/v1/pages/about/')).toBe('"pg-1"');
  });

  it('lets a call pin its own If-Match, or send none', async () => {
    const server = fakeFetch((req) => (req.method === 'GET' && req.path !== '/api/v1/auth/csrf/'
      ? json(200, post(5), { ETag: '"p7-5"' })
      : req.method === 'PATCH' ? json(200, post(6)) : undefined));
    const client = new AnsafClient({ fetch: server.fetch });
    await client.posts.get(7);
    await client.posts.update(7, { title: 'x' }, '4');
    await client.posts.update(7, { title: 'x' }, null);
    const patches = server.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.headers['if-match'])).toEqual(['4', undefined]);
  });
});

describe('errors', () => {
  it('maps 409 to VersionConflict with the current version', async () => {
    const server = fakeFetch((req) => (req.method === 'PATCH'
      ? problem(409, 'Conflict', 'Resource has been modified by another user',
        { error: 'Version conflict', message: 'Resource has been modified by another user', current_version: 4 })
      : undefined));
    const client = new AnsafClient({ fetch: server.fetch });
    const error = await client.posts.update(7, { title: 'x' }, '3').catch((e) => e);
    expect(error).toBeInstanceOf(VersionConflict);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.status).toBe(409);
    expect(error.currentVersion).toBe(4);
    expect(error.body.error).toBe('Version conflict');
  });

  it('parses problem+json with the validation errors map', async () => {
    const server = fakeFetch((req) => (req.method === 'POST'
      ? problem(400, 'Bad Request', 'Invalid input', { errors: { title: ['must not be blank'], status: ['unknown status'] } })
      : undefined));
    const client = new AnsafClient({ fetch: server.fetch });
    const error = await client.posts.create({ title: '' } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).not.toBeInstanceOf(VersionConflict);
    expect(error).toMatchObject({ status: 400, title: 'Bad Request', detail: 'Invalid input' });
    expect(error.errors).toEqual({ title: ['must not be blank'], status: ['unknown status'] });
    expect(error.message).toBe('400 Bad Request: Invalid input');
  });

  it('survives an error without a JSON body', async () => {
    const server = fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    const client = new AnsafClient({ fetch: server.fetch });
    const error = await client.posts.list().catch((e) => e);
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', errors: {} });
  });
});

describe('requests', () => {
  it('builds list URLs with the contract filters, skipping empty ones, under the base URL', async () => {
    const server = fakeFetch((req) => (req.path === '/prefix/api/v1/blogs/posts/' ? json(200, { count: 0, next: null, previous: null, results: [] }) : undefined));
    const client = new AnsafClient({ fetch: server.fetch, baseUrl: 'http://test/prefix/' });
    await client.posts.list({ status: 'draft', category: 'news', search: '', page: 2, page_size: 50, ordering: '-updated_at' });
    expect(server.requests[0].url).toBe('/prefix/api/v1/blogs/posts/?status=draft&category=news&page=2&page_size=50&ordering=-updated_at');
  });

  it('always asks for cookies to be included', async () => {
    let credentials: RequestCredentials | undefined;
    const client = new AnsafClient({
      fetch: async (_url, init) => {
        credentials = init?.credentials;
        return json(200, { id: 1 });
      },
    });
    await client.auth.me();
    expect(credentials).toBe('include');
  });
});

describe('revisions and mergeable conflicts', () => {
  it('sends Prefer: conflict=merge and reports whether the server merged', async () => {
    const server = fakeFetch((req) =>
      req.method === 'PATCH' ? json(200, post(5), { 'Preference-Applied': 'conflict=merge' }) : undefined);
    const client = new AnsafClient({ fetch: server.fetch });
    const res = await client.patchMerging('/api/v1/blogs/posts/7/', { title: 'mine' }, '3');
    const patch = server.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers['prefer']).toBe('conflict=merge');
    expect(patch.headers['if-match']).toBe('3');
    expect(res.merged).toBe(true);
  });

  it('reads the changed and conflicting fields of a 409', async () => {
    const server = fakeFetch((req) =>
      req.method === 'PATCH'
        ? json(409, { status: 409, title: 'Conflict', current_version: 5, changed_fields: ['title', 'body'], conflicting_fields: ['body'] })
        : undefined);
    const client = new AnsafClient({ fetch: server.fetch });
    const e = await client.posts.update(7, { body: 'x' }, '3').catch((x) => x);
    expect(e).toBeInstanceOf(VersionConflict);
    expect(e.changedFields).toEqual(['title', 'body']);
    expect(e.conflictingFields).toEqual(['body']);
  });

  it('addresses a page\'s revisions by slug and sends If-Match on revert', async () => {
    const server = fakeFetch((req) => (req.path.includes('/revisions/') ? json(200, { id: 1, slug: 'a b', version: 4 }) : undefined));
    const client = new AnsafClient({ fetch: server.fetch });
    await client.revisions.revert({ kind: 'pages', id: 'a b' }, 2, '3');
    const revert = server.requests.find((r) => r.method === 'POST')!;
    expect(revert.path).toBe('/api/v1/pages/a%20b/revisions/2/revert/');
    expect(revert.headers['if-match']).toBe('3');
  });
});
