#!/usr/bin/env node
// End-to-end test of the staff dashboard in headless Chromium (playwright-core, Debian's chromium).
//
//   node e2e/dashboard.e2e.mjs <baseUrl> <screenshot.png>
//
// Env: ANSAF_ADMIN / ANSAF_ADMIN_PASSWORD (default admin / admin-password-123), CHROMIUM_PATH
// (default /usr/bin/chromium), E2E_REQUIRE_LIVE=1 to fail instead of skipping the live steps when
// the server has no /ws/v1/blogs/ yet. Exit code 0 = passed; the last line says what was skipped.
// Screenshots (the conflict view at <screenshot.png>, and every view at 1280×800 and 390×844 next
// to it) go where <screenshot.png> says, which is under target/, never the repository.
//
// Scenario: staff A (admin) and staff B (created here) log in in two browser contexts; deep links
// survive a reload and the back button; A edits a post and B's dashboard shows it without a reload;
// both edit the same post and the second to save gets the conflict view; leaving unsaved edits
// asks first; a body the sanitizer changed is pointed out; delete asks first and offers Undo, the
// trash restores posts and pages; paging past 50; comment moderation (bulk); category CRUD; users
// (create, staff, deactivate, password); friendly 401/429 sentences and the 429 reason phrase;
// Swagger's "Try it out" from 127.0.0.1; a phone width without horizontal overflow; axe-core on
// every view with no serious or critical violation. An anonymous context never shows a draft.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const [base = 'http://localhost:8080', screenshot = 'target/dashboard.png'] = process.argv.slice(2);
const ADMIN = process.env.ANSAF_ADMIN ?? 'admin';
const ADMIN_PASSWORD = process.env.ANSAF_ADMIN_PASSWORD ?? 'admin-password-123';
const requireLive = process.env.E2E_REQUIRE_LIVE === '1';
const tag = randomUUID().slice(0, 8);
const skipped = [];
const started = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const shots = path.dirname(path.resolve(screenshot));
mkdirSync(shots, { recursive: true });

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
    return { status: res.status, statusText: res.statusText, body: text ? JSON.parse(text) : null };
  }
  if (username) {
    const login = await call('POST', '/api/v1/auth/login/', { username, password });
    if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.body)}`);
  }
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
const userC = `reader${tag}`;
await expectStatus(admin('POST', '/api/v1/auth/users/', { username: userC, password: `password-${tag}-c`, email: `${userC}@example.com` }), 201, 'create reader C');
const shared = await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `Shared ${tag}`, body: '<p>first</p>', status: 'published' }), 201, 'create shared post');
const publicPost = await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `Public ${tag}`, status: 'published' }), 201, 'create public post');
const draftTitle = `Secret draft ${tag}`;
await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: draftTitle, body: '<p>not yet</p>', status: 'draft' }), 201, 'create draft post');
await expectStatus(admin('POST', '/api/v1/pages/', { title: `Secret page draft ${tag}`, body: '<p>x</p>', status: 'draft' }), 201, 'create draft page');
const trashPage = await expectStatus(admin('POST', '/api/v1/pages/', { title: `Trash page ${tag}`, body: '<p>x</p>', status: 'published' }), 201, 'create page to delete');
const category = await expectStatus(admin('POST', '/api/v1/blogs/categories/', { name: `Picker ${tag}`, description: 'for the editor' }), 201, 'create category');
const reader = await apiSession(userC, `password-${tag}-c`);
const comments = [];
for (const text of ['First comment', 'Second comment', 'Third comment']) {
  comments.push(await expectStatus(reader('POST', '/api/v1/blogs/comments/', { post: publicPost.id, body: `<p>${text} ${tag}</p>` }), 201, 'comment'));
}
check(comments.every((c) => !c.is_approved), 'a reader\'s comments wait for moderation');
const PAGED = 56;
for (let i = 0; i < PAGED; i += 8) {
  await Promise.all(Array.from({ length: Math.min(8, PAGED - i) }, (_, j) =>
    expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `Paging ${tag} ${String(i + j).padStart(2, '0')}`, status: 'draft' }), 201, 'paging post')));
}
log(`post ${shared.id} "${shared.title}", staff B ${userB}, ${PAGED} paging posts`);

// ---- browsers ------------------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const failures = [];
const axeReport = [];
try {
  const open = async (options = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    const page = await context.newPage();
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // The pages' Content-Security-Policy (issue 14) must never refuse what the dashboard or Swagger UI itself loads.
      if (/Content Security Policy/i.test(m.text())) failures.push(`CSP refused: ${m.text()}`);
      else if (m.type() === 'error' && !/status of (400|401|404|409|429)|WebSocket connection|favicon/.test(m.text())) log(`console: ${m.text()}`);
    });
    return page;
  };
  const idle = (page) => page.locator('[data-testid=sync][data-idle=true]').waitFor({ state: 'attached', timeout: 15_000 });
  const login = async (page, username, password) => {
    await page.goto(`${base}/dashboard/`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.press('input[name=password]', 'Enter'); // the keyboard, not a click
    await page.getByTestId('whoami').waitFor();
  };
  const row = (page, id) => page.getByTestId(`row-${id}`);
  const path_ = (page) => new URL(page.url()).pathname + new URL(page.url()).search;
  /** axe-core on what the page shows now: no serious or critical violation. */
  const axe = async (page, view) => {
    await idle(page);
    const result = await new AxeBuilder({ page }).disableRules(['region']).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    axeReport.push(`${view}: ${result.violations.length} violations (${bad.length} serious/critical), ${result.passes.length} rules passed`);
    check(bad.length === 0, `axe-core on ${view}: no serious or critical violations${bad.length ? `\n${bad.map((v) => `  ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n')}` : ''}`);
  };
  const confirmDialog = async (page) => {
    await page.getByTestId('confirm').click();
    await page.getByTestId('confirm').waitFor({ state: 'detached' });
  };

  // Anonymous first, watching every text it ever renders for the draft's title.
  const anon = await open();
  const firstView = [];
  anon.on('response', (r) => { if (/\/dashboard\/assets\//.test(r.url())) firstView.push(new URL(r.url()).pathname); });
  await anon.addInitScript((marker) => {
    window.__sawDraft = [];
    new MutationObserver(() => {
      if (document.body?.innerText.includes(marker)) window.__sawDraft.push(document.body.innerText);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, `draft ${tag}`);
  await anon.goto(`${base}/dashboard/`);
  await anon.getByTestId('public-posts').getByText(shared.title).waitFor();
  check(true, 'anonymous dashboard lists the published post');
  check((await anon.getByTestId('live-status').count()) === 0, 'no live status before sign-in');
  await axe(anon, 'sign-in');

  // The first view's weight: every asset the sign-in page loaded, gzipped as the build wrote it.
  const dist = process.env.ANSAF_DIST_DIR;
  if (dist && existsSync(dist)) {
    let raw = 0, gz = 0;
    for (const p of new Set(firstView)) {
      const file = path.join(dist, p.replace(/^\/dashboard\//, 'dashboard/'));
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    log(`first view: ${new Set(firstView).size} assets, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`);
    check(gz < 250 * 1024, 'the first view is under 250 KB gzipped');
  }

  // Friendly errors: a wrong password is a sentence, and so is the throttle, which says when.
  const nobody = `nobody${tag}`;
  await anon.fill('input[name=username]', nobody);
  await anon.fill('input[name=password]', 'wrong-password-1');
  await anon.click('button[type=submit]');
  const wrong = await anon.getByTestId('login-error').innerText();
  check(wrong === 'That username and password do not match an active account. Check them and try again.', `a wrong password reads as a sentence ("${wrong}")`);
  const anonApi = await apiSession();
  let throttled;
  for (let i = 0; i < 6 && throttled?.status !== 429; i++) {
    throttled = await anonApi('POST', '/api/v1/auth/login/', { username: nobody, password: `wrong-password-${i}` });
  }
  check(throttled.status === 429 && throttled.statusText === 'Too Many Requests', `a throttled login's status line reads "429 ${throttled.statusText}"`);
  await anon.click('button[type=submit]');
  await anon.getByTestId('login-error').getByText(/^Too many attempts\. Please try again in \d+ seconds?\.$/).waitFor();
  check(true, `a throttled login says when to try again ("${await anon.getByTestId('login-error').innerText()}")`);

  const a = await open();
  const b = await open();
  await login(a, ADMIN, ADMIN_PASSWORD);
  await login(b, userB, passwordB);
  check(true, 'staff A and staff B logged in in separate contexts (with the keyboard)');

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
  check(path_(a) === '/dashboard/posts', `/dashboard/ opens the posts list (${path_(a)})`);
  await axe(a, 'posts');

  // Deep link and reload: A opens the post's URL directly; B comes from the list.
  await a.goto(`${base}/dashboard/posts/${shared.id}`);
  await a.getByTestId('editor').waitFor();
  await a.reload();
  await a.getByTestId('editor').waitFor();
  check((await a.inputValue('input[name=title]')) === shared.title, 'a deep link to the editor survives a reload');
  await b.getByTestId('search').fill(`Shared ${tag}`);
  await b.waitForURL(/search=/);
  await row(b, shared.id).getByTestId('title').click();
  await b.getByTestId('editor').waitFor();
  check(path_(b) === `/dashboard/posts/${shared.id}`, `opening a post gives it a URL (${path_(b)})`);
  await b.goBack();
  await row(b, shared.id).waitFor();
  await b.goForward();
  await b.getByTestId('editor').waitFor();
  check((await b.inputValue('input[name=title]')) === shared.title, 'back and forward walk between the list and the editor');
  await a.getByTestId('facts').getByText(ADMIN).waitFor();
  check(true, 'the editor shows author, dates, views and comments');
  await axe(a, 'post editor');

  // A saves a new title.
  const titleA = `Shared ${tag} edited by A`;
  await a.fill('input[name=title]', titleA);
  await a.getByTestId('save').click();
  await a.waitForFunction(() => document.querySelector('[data-testid=editor] h2')?.textContent?.includes('(v2)'));
  await a.getByText(`Saved “${titleA}” (version 2).`).waitFor();
  check(true, 'A saved, and a notice says so');

  if (live) {
    await b.getByTestId('changed-meanwhile').waitFor({ timeout: 10_000 });
    check(true, "B's open editor says the post changed meanwhile, without reload");
  }

  // B, still editing version 1, changes only the body and saves: nobody touched the body since
  // v1, so the server merges B's edit onto A's v2 (Prefer: conflict=merge) instead of refusing it.
  const bodyB = `<p>Body by B ${tag}</p>`;
  await b.getByTestId('html-tab').click();
  await b.fill('textarea[name=body]', bodyB);
  await b.getByTestId('save').click();
  await b.waitForFunction(() => document.querySelector('[data-testid=editor] h2')?.textContent?.includes('(v3)'));
  await b.getByText(/merged with changes saved meanwhile/).waitFor();
  const merged = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read post after merge');
  check(merged.version === 3 && merged.title === titleA && merged.body.includes(`Body by B ${tag}`),
    'an edit of another field is merged: v3 has A\'s title and B\'s body');
  check(await b.inputValue('input[name=title]') === titleA, "after the merge B's editor shows A's title");

  // A (at v2) and B (at v3) both change the title: A saves first, B's save collides on the title.
  const titleA2 = `Shared ${tag} retitled by A`;
  await a.fill('input[name=title]', titleA2);
  await a.getByTestId('save').click();
  await a.waitForFunction(() => document.querySelector('[data-testid=editor] h2')?.textContent?.includes('(v4)'));
  const titleB = `Shared ${tag} retitled by B`;
  await b.fill('input[name=title]', titleB);
  await b.getByTestId('save').click();
  await b.getByTestId('conflict').waitFor({ timeout: 10_000 });
  const titleDiff = await b.getByTestId('diff-title').innerText();
  check(titleDiff.includes(titleA2) && titleDiff.includes(titleB), 'conflict view shows the title diff (theirs vs mine)');
  check(await b.getByTestId('diff-title').getAttribute('data-colliding') === 'true', 'the title is marked as changed by both');
  await b.screenshot({ path: screenshot, fullPage: true });
  log(`screenshot of the conflict view: ${screenshot}`);

  // B overwrites: its whole form is saved on top of A's v4.
  await b.getByTestId('overwrite').click();
  await b.getByTestId('conflict').waitFor({ state: 'detached' });
  await b.waitForFunction(() => document.querySelector('[data-testid=editor] h2')?.textContent?.includes('(v5)'));
  const after = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read post after overwrite');
  check(after.version === 5 && after.body.includes(`Body by B ${tag}`) && after.title === titleB,
    'overwrite re-sent B\'s version with the new ETag: v5 holds B\'s fields');

  // The history lists all five versions; revert to v1 makes v6 with the first title back.
  await b.getByTestId('history').click();
  await b.getByTestId('history-view').waitFor();
  await b.getByTestId('revision-5').waitFor();
  check(path_(b) === `/dashboard/posts/${shared.id}/history`, `the history has its own URL (${path_(b)})`);
  check((await b.getByTestId('revisions').locator('tbody tr').count()) === 5, 'the history lists the five versions');
  await axe(b, 'history');
  await b.getByTestId('revision-1').click();
  await b.getByTestId('revision-field-title').waitFor();
  await b.getByTestId('revert').click();
  await b.getByTestId('confirm').click();
  await b.getByTestId('revision-6').waitFor({ timeout: 10_000 });
  const reverted = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read post after revert');
  check(reverted.version === 6 && reverted.title === shared.title, 'revert to v1 makes v6 with the first title');
  await b.goBack();
  await b.getByTestId('editor').waitFor();

  // Unsaved edits are not lost without asking.
  await b.fill('input[name=title]', `${shared.title} unsaved`);
  await b.getByTestId('nav-pages').click();
  await b.getByTestId('stay').click();
  check(path_(b) === `/dashboard/posts/${shared.id}` && (await b.inputValue('input[name=title]')).endsWith('unsaved'), 'leaving unsaved edits asks; "Keep editing" keeps them');
  await b.getByTestId('nav-pages').click();
  await b.getByTestId('discard').click();
  await b.getByTestId('pages-list').waitFor();
  check(path_(b) === '/dashboard/pages', '"Discard changes" leaves');

  // A new post: rich text, a category, and a body the sanitizer changes, pointed out after the save.
  await a.goto(`${base}/dashboard/posts/new`);
  await a.fill('input[name=title]', `Rich ${tag}`);
  await a.getByTestId('rich-body').click();
  await a.keyboard.type('Rich text ');
  await a.getByRole('button', { name: 'Bold' }).click();
  await a.keyboard.type('bold');
  await a.getByTestId('category').click();
  await a.getByRole('option', { name: category.name }).click();
  await a.getByTestId('html-tab').click();
  const html = await a.inputValue('textarea[name=body]');
  check(html.includes('<strong>bold</strong>'), `the rich-text editor writes HTML (${html})`);
  await a.fill('textarea[name=body]', `${html}<script>alert(1)</script>`);
  await a.getByTestId('preview-tab').click();
  await a.getByTestId('preview').getByText('bold').waitFor();
  await a.getByTestId('save').click();
  await a.getByTestId('sanitized').waitFor();
  check((await a.getByTestId('sanitized').innerText()).includes('<script>'), 'a note says the server removed the <script>');
  await a.waitForURL(/\/dashboard\/posts\/\d+$/);
  const rich = await expectStatus(admin('GET', `/api/v1/blogs/posts/${a.url().split('/').pop()}/`), 200, 'read the new post');
  check(rich.category === category.id && rich.body.includes('<strong>bold</strong>') && !rich.body.includes('script'), 'the new post has its category and the kept HTML');
  await a.goto(`${base}/dashboard/posts?category=${category.id}`);
  await row(a, rich.id).waitFor();
  await idle(a);
  const inCategory = await a.getByTestId('posts-list').locator('tbody tr [data-testid=title]').allInnerTexts();
  check(inCategory.length === 1, `the category filter lists the category's one post (${inCategory.join(', ')})`);

  // Ranked full-text search: the box sends q; rows come by relevance, each with its headline marked.
  const word = `zq${[...tag].map((c) => 'bdgkmptzxw'[Number.parseInt(c, 36) % 10]).join('')}`;
  const inBody = await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `Body match ${tag}`, body: `<p>Notes on ${word} &lt;b&gt; here</p>`, status: 'draft' }), 201, 'post with the word in its body');
  const inTitle = await expectStatus(admin('POST', '/api/v1/blogs/posts/', { title: `All about ${word}`, body: '<p>x</p>', status: 'draft' }), 201, 'post with the word in its title');
  await a.goto(`${base}/dashboard/posts`);
  await idle(a);
  await a.getByTestId('q').fill(word);
  await a.waitForURL(/[?&]q=/);
  await row(a, inBody.id).getByTestId('headline').locator('mark').waitFor();
  const ranked = await a.getByTestId('posts-list').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.testid));
  check(ranked[0] === `row-${inTitle.id}` && ranked[1] === `row-${inBody.id}`, `full-text search ranks the title match first (${ranked.join(', ')})`);
  const headline = await row(a, inBody.id).getByTestId('headline').innerHTML();
  check(headline.includes(`<mark>${word}</mark>`) && headline.includes('&lt;b&gt;') && !headline.includes('<b>'), `the headline marks the word and shows the rest as text (${headline})`);

  // A unpublishes the shared post from the list: the anonymous view must drop it.
  await a.goto(`${base}/dashboard/posts?search=${encodeURIComponent(`Shared ${tag}`)}`);
  await row(a, shared.id).getByTestId('version').getByText('6', { exact: true }).waitFor({ state: 'attached', timeout: 10_000 });
  await row(a, shared.id).getByRole('button', { name: 'Unpublish' }).click();
  await row(a, shared.id).getByTestId('version').getByText('7', { exact: true }).waitFor({ state: 'attached', timeout: 10_000 });
  const unpublished = await expectStatus(admin('GET', `/api/v1/blogs/posts/${shared.id}/`), 200, 'read unpublished post');
  check(unpublished.status === 'draft', 'A unpublished the post from the list');
  if (live) {
    await anon.getByTestId('public-posts').getByText(shared.title).waitFor({ state: 'detached', timeout: 10_000 });
    check(true, 'the anonymous dashboard dropped the unpublished post live');
  } else {
    await anon.reload();
    await anon.getByTestId('public-posts').waitFor();
  }
  await idle(anon);
  const anonText = await anon.locator('body').innerText();
  for (const title of [shared.title, draftTitle, `Secret page draft ${tag}`]) {
    check(!anonText.includes(title), `the anonymous dashboard does not show the draft "${title}"`);
  }
  check((await anon.evaluate(() => window.__sawDraft.length)) === 0, 'the anonymous dashboard never rendered the draft post');
  const statuses = await anon.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  check(anonText.includes(publicPost.title), 'the anonymous dashboard still shows the published post');
  check(statuses.length > 0 && statuses.every((s) => s === 'published'), `every item shown anonymously is published (${statuses.length})`);

  // Delete asks first, then offers Undo; the trash restores posts and pages.
  await row(a, shared.id).getByRole('button', { name: /^Delete/ }).click();
  await confirmDialog(a);
  await row(a, shared.id).waitFor({ state: 'detached' });
  await a.getByTestId('undo').click();
  await row(a, shared.id).waitFor({ timeout: 10_000 });
  await idle(a); // the list changes before the server answers (optimistic): wait for the answer
  check((await admin('GET', `/api/v1/blogs/posts/${shared.id}/`)).status === 200, 'delete asked first, and Undo restored the post');
  await row(a, shared.id).getByRole('button', { name: /^Delete/ }).click();
  await confirmDialog(a);
  await row(a, shared.id).waitFor({ state: 'detached' });
  await a.goto(`${base}/dashboard/pages`);
  await row(a, trashPage.slug).getByRole('button', { name: /^Delete/ }).click();
  await confirmDialog(a);
  await row(a, trashPage.slug).waitFor({ state: 'detached' });
  await a.getByTestId('nav-trash').click();
  await a.getByTestId('trash-posts').getByTestId(`row-${shared.id}`).waitFor();
  await a.getByTestId('trash-pages').getByTestId(`row-${trashPage.slug}`).waitFor();
  await axe(a, 'trash');
  await a.getByTestId('trash-posts').getByTestId(`row-${shared.id}`).getByRole('button', { name: /^Restore/ }).click();
  await a.getByTestId('trash-pages').getByTestId(`row-${trashPage.slug}`).getByRole('button', { name: /^Restore/ }).click();
  await a.getByTestId('trash-posts').getByTestId(`row-${shared.id}`).waitFor({ state: 'detached' });
  await a.getByTestId('trash-pages').getByTestId(`row-${trashPage.slug}`).waitFor({ state: 'detached' });
  await idle(a); // the list changes before the server answers (optimistic): wait for the answer
  check((await admin('GET', `/api/v1/blogs/posts/${shared.id}/`)).status === 200 && (await admin('GET', `/api/v1/pages/${trashPage.slug}/`)).status === 200,
    'the trash restored the post and the page');

  // Paging past 50, in the URL: page 2 survives a reload.
  await a.goto(`${base}/dashboard/posts?search=${encodeURIComponent(`Paging ${tag}`)}&page_size=50`);
  await a.getByTestId('count').getByText(`${PAGED} posts · page 1 of 2`).waitFor();
  check((await a.getByTestId('posts-list').locator('tbody tr').count()) === 50, 'page 1 shows 50 of 56');
  await a.getByRole('button', { name: 'Next page' }).click();
  await a.waitForURL(/page=2/);
  await a.getByTestId('count').getByText('page 2 of 2').waitFor();
  await a.reload();
  await a.getByTestId('count').getByText('page 2 of 2').waitFor();
  await idle(a);
  check((await a.getByTestId('posts-list').locator('tbody tr').count()) === PAGED - 50, 'page 2 shows the other 6, also after a reload');
  await a.getByRole('button', { name: /Views/ }).click();
  await a.waitForURL(/ordering=-view_count/);
  check(true, 'a column header sorts, in the URL');

  // Comment moderation: the pending queue, bulk approve, unapprove, delete.
  await a.getByTestId('nav-comments').click();
  for (const c of comments) await a.getByTestId(`comment-${c.id}`).waitFor();
  check(true, 'the pending queue shows the new comments');
  await axe(a, 'comments');
  await a.getByRole('checkbox', { name: `Select comment ${comments[0].id}` }).check();
  await a.getByRole('checkbox', { name: `Select comment ${comments[1].id}` }).check();
  await a.getByTestId('bulk-approve').click();
  await a.getByTestId(`comment-${comments[0].id}`).waitFor({ state: 'detached' });
  await a.getByTestId(`comment-${comments[1].id}`).waitFor({ state: 'detached' });
  await idle(a); // the list changes before the server answers (optimistic): wait for the answer
  const approved = await expectStatus(admin('GET', `/api/v1/blogs/comments/?post=${publicPost.id}&is_approved=true`), 200, 'approved comments');
  check(approved.count === 2, 'bulk approve approved the two selected comments');
  await a.getByTestId(`comment-${comments[2].id}`).getByRole('button', { name: /^Delete/ }).click();
  await confirmDialog(a);
  await a.getByTestId(`comment-${comments[2].id}`).waitFor({ state: 'detached' });
  await a.getByText('Approved', { exact: true }).click();
  await a.getByTestId(`comment-${comments[0].id}`).getByRole('button', { name: 'Unapprove' }).click();
  await a.getByTestId(`comment-${comments[0].id}`).waitFor({ state: 'detached', timeout: 10_000 });
  await idle(a); // the list changes before the server answers (optimistic): wait for the answer
  const left = await expectStatus(admin('GET', `/api/v1/blogs/comments/?post=${publicPost.id}`), 200, 'comments left');
  check(left.count === 2 && left.results.filter((c) => c.is_approved).length === 1, 'one comment deleted, one unapproved, one approved');

  // Categories: create, rename, delete; post counts shown.
  await a.getByTestId('nav-categories').click();
  const catName = `Cat ${tag}`;
  await a.getByTestId('new-category').locator('input[name=name]').fill(catName);
  await a.getByTestId('new-category').getByRole('button', { name: 'Add' }).click();
  await a.getByTestId('categories-list').getByText(catName, { exact: true }).waitFor();
  const created = (await expectStatus(admin('GET', `/api/v1/blogs/categories/?search=${encodeURIComponent(catName)}`), 200, 'find category')).results.find((c) => c.name === catName);
  const catRow = a.getByTestId(`category-${created.id}`);
  check((await catRow.getByTestId('post-count').innerText()) === '0', 'a new category shows 0 posts');
  await axe(a, 'categories');
  await catRow.getByTestId('rename').click();
  await catRow.getByTestId('rename-input').fill(`${catName} renamed`);
  await catRow.getByTestId('rename-save').click();
  await catRow.getByTestId('name').getByText(`${catName} renamed`).waitFor();
  check((await expectStatus(admin('GET', `/api/v1/blogs/categories/${created.id}/`), 200, 'read category')).name === `${catName} renamed`, 'category renamed');
  await catRow.getByTestId('delete').click();
  await confirmDialog(a);
  await catRow.waitFor({ state: 'detached' });
  await idle(a); // the list changes before the server answers (optimistic): wait for the answer
  check((await admin('GET', `/api/v1/blogs/categories/${created.id}/`)).status === 404, 'category deleted after confirming');

  // Users: create, make staff, deactivate, set a password.
  await a.getByTestId('nav-users').click();
  await a.getByTestId('new-user').click();
  const userD = `made${tag}`;
  await a.getByTestId('create-user').locator('input[name=username]').fill(userD);
  await a.getByTestId('create-user').locator('input[name=email]').fill(`${userD}@example.com`);
  await a.getByTestId('create-user').locator('input[name=password]').fill('short');
  await a.getByTestId('create-user').getByRole('button', { name: 'Create' }).click();
  await a.getByTestId('create-user').getByRole('alert').getByText(/^Please check: Password:/).waitFor();
  check(true, 'a too-short password is refused with a sentence naming the field');
  await a.getByTestId('create-user').locator('input[name=password]').fill(`password-${tag}-d`);
  await a.getByTestId('create-user').getByRole('button', { name: 'Create' }).click();
  const userRow = a.getByTestId(`user-${userD}`);
  await userRow.waitFor();
  await axe(a, 'users');
  await userRow.getByRole('switch', { name: `${userD} staff` }).click({ force: true });
  await a.waitForFunction((u) => document.querySelector(`[data-testid=user-${u}] [data-testid=staff]`)?.checked, userD);
  await userRow.getByTestId('set-password').click();
  await a.getByTestId('password-form').locator('input[name=password]').fill(`password-${tag}-e`);
  await a.getByTestId('password-form').getByRole('button', { name: 'Set password' }).click();
  await a.getByTestId('password-form').waitFor({ state: 'detached' });
  await expectStatus((await apiSession())('POST', '/api/v1/auth/login/', { username: userD, password: `password-${tag}-e` }), 200, 'log in with the new password');
  await userRow.getByRole('switch', { name: `${userD} active` }).click({ force: true });
  await confirmDialog(a);
  await a.waitForFunction((u) => document.querySelector(`[data-testid=user-${u}] [data-testid=active]`)?.checked === false, userD);
  const users = await expectStatus(admin('GET', '/api/v1/auth/users/?page_size=100'), 200, 'users');
  const d = users.results.find((u) => u.username === userD);
  check(d && d.is_staff && !d.is_active, 'the user was created, made staff, given a password and deactivated');

  await a.goto(`${base}/dashboard/pages`);
  await axe(a, 'pages');
  await a.goto(`${base}/dashboard/pages/${trashPage.slug}`);
  await a.getByTestId('editor').waitFor();
  await axe(a, 'page editor');

  // Screenshots of every view at 1280×800 (next to the conflict view's).
  const views = ['posts', `posts/${shared.id}`, 'pages', 'comments?status=all', 'categories', 'users', 'trash'];
  const settled = async (page, v) => {
    await idle(page);
    if (/^posts\/\d+/.test(v)) await page.getByTestId('rich-body').waitFor();
  };
  for (const v of views) {
    await a.goto(`${base}/dashboard/${v}`);
    await settled(a, v);
    await a.screenshot({ path: path.join(shots, `desktop-${v.replace(/[/?=]/g, '-')}.png`) });
  }

  // A phone: one column, nothing wider than the screen, the menu behind a burger.
  const phone = await open({ viewport: { width: 390, height: 844 }, storageState: await a.context().storageState(), isMobile: true, hasTouch: true });
  for (const v of views) {
    await phone.goto(`${base}/dashboard/${v}`);
    await settled(phone, v);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `at 390×844 /dashboard/${v} has no horizontal overflow (${width} px)`);
    await phone.screenshot({ path: path.join(shots, `phone-${v.replace(/[/?=]/g, '-')}.png`) });
  }
  await phone.goto(`${base}/dashboard/posts`);
  await phone.getByRole('button', { name: 'Menu' }).click();
  await phone.getByTestId('nav-comments').click();
  await phone.getByTestId('comments-list').waitFor();
  check(true, 'the phone menu opens behind the burger and navigates');
  await axe(phone, 'comments at 390×844');
  await phone.goto(`${base}/dashboard/posts/${shared.id}`);
  await phone.getByTestId('editor').waitFor();
  await axe(phone, 'post editor at 390×844');

  // Offline and back (issue 15): the dashboard catches up from its last event id, without
  // refetching everything.
  if (live) {
    const off = await open({ storageState: await a.context().storageState() });
    await off.addInitScript(() => {
      const Native = window.WebSocket;
      window.__sockets = [];
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          window.__sockets.push(this);
        }
      };
    });
    await off.goto(`${base}/dashboard/posts?search=${encodeURIComponent(`Public ${tag}`)}`);
    await row(off, publicPost.id).waitFor();
    await off.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.textContent === 'live: open', null, { timeout: 10_000 });
    await idle(off);
    await off.waitForTimeout(500); // the live client has asked where the history stands
    const socketUrls = [];
    const requests = [];
    off.on('websocket', (ws) => socketUrls.push(ws.url()));
    await off.context().setOffline(true);
    await off.evaluate(() => window.__sockets.forEach((s) => s.close()));
    const renamed = `Public ${tag} renamed while offline`;
    await expectStatus(admin('PATCH', `/api/v1/blogs/posts/${publicPost.id}/`, { title: renamed }), 200, 'rename while the browser is offline');
    off.on('request', (r) => { if (r.url().includes('/api/')) requests.push(new URL(r.url()).pathname); });
    await off.context().setOffline(false);
    await row(off, publicPost.id).getByText(renamed).waitFor({ timeout: 20_000 });
    check(socketUrls.some((u) => u.includes('since=')), `back online, the socket reconnected with ?since= (${socketUrls.map((u) => new URL(u).search).join(' ')})`);
    check(!requests.includes('/api/v1/auth/me/') && !requests.includes('/api/v1/pages/'), `the change made offline showed without a full refetch (requests: ${requests.join(', ') || 'none'})`);
    await off.context().close();
  }

  // Swagger UI's "Try it out" from 127.0.0.1: its server is relative, so the call stays on this origin.
  const docs = await open();
  const loopback = new URL(base);
  loopback.hostname = '127.0.0.1';
  await docs.goto(`${loopback.origin}/api/docs/`);
  const op = docs.locator('#operations-categories-categoriesList');
  await op.locator('.opblock-summary').click();
  await op.getByRole('button', { name: 'Try it out' }).click();
  await op.getByRole('button', { name: 'Execute' }).click();
  await op.locator('.live-responses-table .response-col_status').getByText('200').waitFor({ timeout: 15_000 });
  const requestUrl = await op.locator('.request-url pre').innerText();
  check(requestUrl.startsWith(`${loopback.origin}/api/v1/blogs/categories/`), `Swagger "Try it out" from 127.0.0.1 answers 200 (${requestUrl})`);

  // Every asset request of a deep link is a file, never the index: the real ones answer themselves.
  const favicon = await fetch(`${base}/favicon.ico`);
  check(favicon.status === 200, '/favicon.ico is served');
  const root = await fetch(`${base}/`, { redirect: 'manual' });
  check([302, 303].includes(root.status) && root.headers.get('location').endsWith('/dashboard/'), `/ redirects to /dashboard/ (${root.status})`);

  if (failures.length) throw new Error(failures.join('\n'));
} finally {
  await browser.close();
}
log(`axe-core: ${axeReport.join('; ')}`);
log(skipped.length ? `PASSED with skipped steps: ${skipped.join('; ')}` : 'PASSED (all steps, including live updates)');
