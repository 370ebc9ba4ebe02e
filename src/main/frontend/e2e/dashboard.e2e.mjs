#!/usr/bin/env node
// End-to-end test of the staff dashboard in headless Chromium (playwright-core, Debian's chromium).
//
//   node e2e/dashboard.e2e.mjs <baseUrl> <screenshot.png>
//
// Env: ANSAF_ADMIN / ANSAF_ADMIN_PASSWORD (default admin / admin-password-123), CHROMIUM_PATH
// (default /usr/bin/chromium), E2E_REQUIRE_LIVE=1 to fail instead of skipping the live steps when
// the server has no /ws/v1/blogs/ yet. Exit code 0 = passed; the last line says what was skipped.
//
// Scenario: staff A (admin) and staff B (created here) log in in two browser contexts; A edits a
// post and B's dashboard shows it without a reload; both edit the same post and the second to
// save gets the conflict view (field diff, then overwrite with the new ETag); an anonymous
// context never shows a draft, also while content changes under it.
import { chromium } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const [base = 'http://localhost:8080', screenshot = 'target/dashboard.png'] = process.argv.slice(2);
const ADMIN = process.env.ANSAF_ADMIN ?? 'admin';
const ADMIN_PASSWORD = process.env.ANSAF_ADMIN_PASSWORD ?? 'admin-password-123';
const requireLive = process.env.E2E_REQUIRE_LIVE === '1';
const tag = randomUUID().slice(0, 8);
const skipped = [];
const log = (...a) => console.log(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...a);

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  log(`ok - ${message}`);
}

/** A minimal API session for setting up data: cookies, CSRF token. */
async function apiSession(username, password) {
  const jar = new Map();
  let csrf = null;
  async function call(method, p, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRFToken'] = csrf ?? (csrf = (await call('GET', '/api/v1/auth/csrf/')).body.csrf_token);
    if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    if (res.headers.get('X-CSRFToken')) csrf = res.headers.get('X-CSRFToken');
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const login = await call('POST', '/api/v1/auth/login/', { username, password });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.body)}`);
  return call;
}

async function expectStatus(promise, status, what) {
  const r = await promise;
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

// ---- data ---------------------------------------------------------------------------------------------
const admin = await apiSession(ADMIN, ADMIN_PASSWORD);
const userB = `staffb${tag}`;
const passwordB = `password-${tag}-b`;
await expectStatus(admin('POST', '/api/v1/auth/users/', { username: userB, password: passwordB, is_staff: true, email: `${userB}@example.com` }), 201, 'create staff user B');
const shared = await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `Shared ${tag}`, body: '<p>first</p>', status: 'published' }), 201, 'create shared post');
const publicPost = await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `Public ${tag}`, status: 'published' }), 201, 'create public post');
const draftTitle = `Secret draft ${tag}`;
await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: draftTitle, body: '<p>not yet</p>', status: 'draft' }), 201, 'create draft post');
await expectStatus(admin('POST', '/api/v1/pages/', { title: `Secret page draft ${tag}`, body: '<p>x</p>', status: 'draft' }), 201, 'create draft page');
log(`post ${shared.id} "${shared.title}", staff B ${userB}`);

// ---- browsers ------------------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of (401|409)|WebSocket connection|favicon/.test(m.text())) log(`console: ${m.text()}`); });
    return page;
  };
  const login = async (page, username, password) => {
    await page.goto(`${base}/dashboard/`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.getByTestId('whoami').waitFor();
  };
  const row = (page, id) => page.getByTestId(`row-${id}`);

  // Anonymous first, watching every text it ever renders for the draft's title.
  const anon = await open();
  await anon.addInitScript((marker) => {
    window.__sawDraft = [];
    new MutationObserver(() => {
      if (document.body?.innerText.includes(marker)) window.__sawDraft.push(document.body.innerText);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, `draft ${tag}`);
  await anon.goto(`${base}/dashboard/`);
  await anon.getByTestId('public-posts').getByText(shared.title).waitFor();
  check(true, 'anonymous dashboard lists the published post');

  const a = await open();
  const b = await open();
  await login(a, ADMIN, ADMIN_PASSWORD);
  await login(b, userB, passwordB);
  check(true, 'staff A and staff B logged in in separate contexts');

  // Is the real-time feature there? The dashboard says so once its sockets are open.
  let live = true;
  try {
    await b.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.textContent === 'live: open', null, { timeout: 10_000 });
  } catch {
    live = false;
  }
  if (!live) {
    const message = 'live steps: /ws/v1/blogs/ did not open (real-time feature not in this build); verify once merged';
    if (requireLive) throw new Error(message);
    skipped.push(message);
    log(`SKIP ${message}`);
  }

  // Both open the same post in the editor.
  for (const page of [a, b]) {
    await row(page, shared.id).getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('editor').waitFor();
    check((await page.inputValue('input[name=title]')) === shared.title, 'editor shows the post');
  }

  // A saves a new title.
  const titleA = `Shared ${tag} edited by A`;
  await a.fill('input[name=title]', titleA);
  await a.getByTestId('save').click();
  await a.waitForFunction(() => document.querySelector('[data-testid=editor] h2')?.textContent?.includes('(v2)'));
  check((await row(a, shared.id).getByTestId('title').textContent()) === titleA, "A's list shows A's new title");

  if (live) {
    // B sees it without reloading: in the list, and as a notice in the open editor.
    await row(b, shared.id).getByTestId('title').getByText(titleA).waitFor({ timeout: 10_000 });
    check(true, "B's dashboard shows A's edit live, without reload");
    await b.getByTestId('changed-meanwhile').waitFor({ timeout: 5_000 });
    check(true, "B's open editor says the post changed meanwhile");
  }

  // B, still editing version 1, saves: conflict view with the field diff.
  const bodyB = `<p>Body by B ${tag}</p>`;
  await b.fill('textarea[name=body]', bodyB);
  await b.getByTestId('save').click();
  await b.getByTestId('conflict').waitFor({ timeout: 10_000 });
  const titleDiff = await b.getByTestId('diff-title').innerText();
  check(titleDiff.includes(titleA) && titleDiff.includes(shared.title), 'conflict view shows the title diff (theirs vs mine)');
  check(await b.getByTestId('diff-body').isVisible(), 'conflict view shows the body diff');
  mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
  await b.screenshot({ path: screenshot, fullPage: true });
  log(`screenshot of the conflict view: ${screenshot}`);

  // B overwrites: its whole form (the old title, its new body) is saved on top of A's v2.
  await b.getByTestId('overwrite').click();
  await b.getByTestId('conflict').waitFor({ state: 'detached' });
  await b.waitForFunction(() => document.querySelector('[data-testid=editor] h2')?.textContent?.includes('(v3)'));
  const after = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read post after overwrite');
  check(after.version === 3 && after.body.includes(`Body by B ${tag}`) && after.title === shared.title,
    'overwrite re-sent B\'s version with the new ETag: v3 holds B\'s fields');

  // A unpublishes the post: the anonymous view must drop it (live, or on its next load).
  if (!live) { // without live updates A's list still shows v2, and unpublishing that would be a (correct) conflict
    await a.reload();
    await row(a, shared.id).getByTestId('version').getByText('3').waitFor();
  }
  await row(a, shared.id).getByTestId('version').getByText('3').waitFor({ timeout: 10_000 });
  await row(a, shared.id).getByRole('button', { name: 'Unpublish' }).click();
  await row(a, shared.id).getByTestId('version').getByText('4').waitFor({ timeout: 10_000 });
  const unpublished = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read unpublished post');
  check(unpublished.status === 'draft', 'A unpublished the post from the list');
  if (live) {
    await anon.getByTestId('public-posts').getByText(shared.title).waitFor({ state: 'detached', timeout: 10_000 });
    check(true, 'the anonymous dashboard dropped the unpublished post live');
  } else {
    await anon.reload();
    await anon.getByTestId('public-posts').waitFor();
  }
  // Every fetch the changes above set off has been answered: what is shown now is what stays.
  await anon.locator('[data-testid=sync][data-idle=true]').waitFor({ state: 'attached' });
  const anonText = await anon.locator('body').innerText();
  for (const title of [shared.title, draftTitle, `Secret page draft ${tag}`]) {
    check(!anonText.includes(title), `the anonymous dashboard does not show the draft "${title}"`);
  }
  check((await anon.evaluate(() => window.__sawDraft.length)) === 0, 'the anonymous dashboard never rendered the draft post');
  const statuses = await anon.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  check(anonText.includes(publicPost.title), 'the anonymous dashboard still shows the published post');
  check(statuses.length > 0 && statuses.every((s) => s === 'published'), `every item shown anonymously is published (${statuses.length})`);

  // Delete and restore from the dashboard.
  await row(a, shared.id).getByRole('button', { name: 'Delete' }).click();
  await row(a, shared.id).waitFor({ state: 'detached' });
  await a.selectOption('select[aria-label=status]', 'deleted');
  await row(a, shared.id).getByRole('button', { name: 'Restore' }).click();
  await row(a, shared.id).waitFor({ state: 'detached' });
  const restored = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read restored post');
  check(restored.id === shared.id, 'delete then restore from the dashboard');
  await a.screenshot({ path: screenshot.replace(/\.png$/, '-a.png'), fullPage: true });

  if (failures.length) throw new Error(failures.join('\n'));
} finally {
  await browser.close();
}
log(skipped.length ? `PASSED with skipped steps: ${skipped.join('; ')}` : 'PASSED (all steps, including live updates)');
