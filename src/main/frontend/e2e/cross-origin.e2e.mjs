#!/usr/bin/env node
// A front end on another origin, in headless Chromium (playwright-core, Debian's chromium):
//
//   node e2e/cross-origin.e2e.mjs <apiBase> <pagePort>
//
// Serves a page and the typed client (src/api/client.ts, transpiled here with TypeScript) from
// http://127.0.0.1:<pagePort>, an origin the server lists in ANSAF_CORS_ORIGINS. In the page the
// client logs in with credentials and CSRF, creates a post, reads it (a compressed response: its
// coded ETag comes through Access-Control-Expose-Headers), edits it with If-Match through CORS,
// and gets a VersionConflict for a stale If-Match. Exit code 0 = passed.
//
// Env: ANSAF_ADMIN / ANSAF_ADMIN_PASSWORD (default admin / admin-password-123), CHROMIUM_PATH.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const [api = 'http://127.0.0.1:8080', portArg = '3000'] = process.argv.slice(2);
const base = api.replace(/\/+$/, '');
const ADMIN = process.env.ANSAF_ADMIN ?? 'admin';
const ADMIN_PASSWORD = process.env.ANSAF_ADMIN_PASSWORD ?? 'admin-password-123';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = (...a) => console.log(`[cross-origin ${new Date().toISOString().slice(11, 19)}]`, ...a);

const client = ts.transpileModule(readFileSync(path.join(root, 'src/api/client.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
}).outputText;
const page = `<!doctype html><meta charset="utf-8"><title>Another origin</title><p id="status">loading</p>`;
const server = createServer((req, res) => {
  if (req.url === '/client.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(client);
  } else if (req.url === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(Number(portArg), '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
log(`page on ${origin}, API on ${base}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const tab = await (await browser.newContext()).newPage();
  tab.on('pageerror', (e) => log(`page error: ${e.message}`));
  await tab.goto(`${origin}/`);
  const result = await tab.evaluate(
    async ({ base, username, password }) => {
      const { AnsafClient, VersionConflict } = await import('/client.js');
      const client = new AnsafClient({ baseUrl: base });
      const steps = {};
      steps.me = (await client.auth.login(username, password)).username;
      const created = await client.posts.create({
        title: `Cross-origin ${Date.now()}`,
        body: `<p>${'Written from another origin. '.repeat(80)}</p>`,
        status: 'published',
      });
      const path = client.posts.path(created.id);
      const read = await client.request('GET', path);
      steps.readEtag = read.etag;
      steps.remembered = client.etagFor(path);
      const saved = await client.posts.update(created.id, { title: 'Edited across origins' });
      steps.savedTitle = saved.title;
      steps.savedVersion = saved.version;
      try {
        await client.posts.update(created.id, { title: 'Stale' }, read.etag);
        steps.stale = 'saved';
      } catch (e) {
        steps.stale = e instanceof VersionConflict ? `conflict ${e.currentVersion}` : String(e);
      }
      steps.id = created.id;
      return steps;
    },
    { base, username: ADMIN, password: ADMIN_PASSWORD },
  );
  log(JSON.stringify(result));
  const check = (ok, what) => {
    log(`${ok ? 'ok' : 'FAILED'} - ${what}`);
    if (!ok) failed = true;
  };
  check(result.me === ADMIN, 'logged in from another origin (credentials, CSRF, trusted origin)');
  check(/^"post-\d+-v1.*"$/.test(result.readEtag ?? ''), `ETag readable across origins: ${result.readEtag}`);
  check(/-(br|gzip)"$/.test(result.readEtag ?? ''), 'the read was compressed, with its coded ETag');
  check(result.savedTitle === 'Edited across origins' && result.savedVersion === 2, 'edited with If-Match through CORS');
  check(result.stale === 'conflict 2', `a stale If-Match is a VersionConflict: ${result.stale}`);
  const after = await (await fetch(`${base}/api/v1/blogs/posts/${result.id}/`)).json();
  check(after.title === 'Edited across origins', 'the server kept the edit');
} catch (e) {
  log(`FAILED - ${e.stack ?? e}`);
  failed = true;
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
