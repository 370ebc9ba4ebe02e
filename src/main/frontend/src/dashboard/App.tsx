/**
 * The staff dashboard: log in, watch posts and pages change live, create and edit with conflict
 * handling, publish/unpublish, delete/restore. Anonymous visitors see the published content only.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useIsFetching, useIsMutating } from '@tanstack/react-query';
import { ApiProblem, VersionConflict, type Page, type Post } from '../api/client';
import {
  useAnsafClient,
  useCreatePage,
  useCreatePost,
  useDeletePage,
  useDeletePost,
  useLiveUpdates,
  useLogin,
  useLogout,
  useMe,
  usePage,
  usePages,
  usePost,
  usePosts,
  useRestorePost,
  useUpdatePage,
  useUpdatePost,
} from '../api/hooks';

type Kind = 'posts' | 'pages';
type Item = Post | Page;
type Form = { title: string; excerpt: string; body: string; status: string };
const FIELDS: Record<Kind, (keyof Form)[]> = { posts: ['title', 'excerpt', 'body', 'status'], pages: ['title', 'body', 'status'] };
const STATUSES: Record<Kind, string[]> = { posts: ['draft', 'published', 'archived'], pages: ['draft', 'published'] };

const idOf = (kind: Kind, item: Item) => (kind === 'posts' ? String((item as Post).id) : item.slug);
const formOf = (item: Partial<Item> | undefined): Form => ({
  title: item?.title ?? '',
  excerpt: (item as Post | undefined)?.excerpt ?? '',
  body: item?.body ?? '',
  status: item?.status ?? 'draft',
});

export function App() {
  const me = useMe();
  const user = me.data ?? null;
  const live = useLiveUpdates({ enabled: !me.isPending, identity: user?.id ?? 'anonymous' });
  const logout = useLogout();
  // Whether anything is still being fetched or saved: shown, and what the e2e waits on instead of sleeping.
  const busy = useIsFetching() + useIsMutating() > 0;

  return (
    <>
      <header>
        <h1>Ansaf dashboard</h1>
        <span className={`live ${live}`} data-testid="live-status">live: {live}</span>
        <span className="muted" data-testid="sync" data-idle={String(!busy)}>{busy ? 'syncing…' : ''}</span>
        {user && (
          <>
            <span data-testid="whoami">{user.username}{user.is_staff ? ' (staff)' : ''}</span>
            <button onClick={() => logout.mutate()}>Log out</button>
          </>
        )}
      </header>
      {me.isPending ? <main className="single"><section>Loading…</section></main>
        : user ? <Workspace /> : <Anonymous />}
    </>
  );
}

function Anonymous() {
  const login = useLogin();
  const posts = usePosts({ ordering: '-updated_at', page_size: 50 });
  const pages = usePages({ page_size: 50 });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    login.mutate({ username: String(f.get('username')), password: String(f.get('password')) });
  };
  return (
    <main>
      <section>
        <h2>Log in</h2>
        {login.error && <div className="error" role="alert">{login.error.message}</div>}
        <form onSubmit={submit}>
          <label>Username<input name="username" autoComplete="username" required /></label>
          <label>Password<input name="password" type="password" autoComplete="current-password" required /></label>
          <button className="primary" type="submit" disabled={login.isPending}>Log in</button>
        </form>
      </section>
      <section data-testid="public">
        <h2>Published</h2>
        <ul data-testid="public-posts">
          {posts.data?.results.map((p) => <li key={p.id} data-status={p.status}>{p.title}</li>)}
        </ul>
        <h2>Pages</h2>
        <ul data-testid="public-pages">
          {pages.data?.results.map((p) => <li key={p.slug} data-status={p.status}>{p.title}</li>)}
        </ul>
      </section>
    </main>
  );
}

function Workspace() {
  const [kind, setKind] = useState<Kind>('posts');
  const [selected, setSelected] = useState<string | null>(null);
  const choose = (k: Kind) => { setKind(k); setSelected(null); };
  return (
    <main>
      <section>
        <div className="toolbar tabs" role="tablist">
          <button role="tab" aria-selected={kind === 'posts'} onClick={() => choose('posts')}>Posts</button>
          <button role="tab" aria-selected={kind === 'pages'} onClick={() => choose('pages')}>Pages</button>
          <button className="primary" onClick={() => setSelected('new')} data-testid="new">New {kind === 'posts' ? 'post' : 'page'}</button>
        </div>
        <ItemList kind={kind} selected={selected} onSelect={setSelected} />
      </section>
      <section>
        {selected ? <Editor key={`${kind}:${selected}`} kind={kind} id={selected} onDone={setSelected} />
          : <p className="muted">Select something to edit, or create a new one.</p>}
      </section>
    </main>
  );
}

function ItemList({ kind, selected, onSelect }: { kind: Kind; selected: string | null; onSelect: (id: string) => void }) {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const params = { status: (status || undefined) as never, search: search || undefined, ordering: '-updated_at', page_size: 50 };
  const posts = usePosts(params, kind === 'posts');
  const pages = usePages(params, kind === 'pages');
  const list = kind === 'posts' ? posts : pages;
  const updatePost = useUpdatePost();
  const updatePage = useUpdatePage();
  const deletePost = useDeletePost();
  const deletePage = useDeletePage();
  const restore = useRestorePost();
  const failures = [updatePost, updatePage, deletePost, deletePage, restore].map((m) => m.error).filter(Boolean);
  useEffect(() => setStatus(''), [kind]);

  const setItemStatus = (item: Item, next: string) => kind === 'posts'
    ? updatePost.mutate({ id: (item as Post).id, patch: { status: next as never }, ifMatch: String(item.version) })
    : updatePage.mutate({ id: item.slug, patch: { status: next as never }, ifMatch: String(item.version) });
  const remove = (item: Item) => kind === 'posts'
    ? deletePost.mutate({ id: (item as Post).id, ifMatch: String(item.version) })
    : deletePage.mutate({ id: item.slug, ifMatch: String(item.version) });

  return (
    <>
      <div className="toolbar">
        <select aria-label="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">all</option>
          {STATUSES[kind].map((s) => <option key={s}>{s}</option>)}
          {kind === 'posts' && <option value="deleted">deleted</option>}
        </select>
        <input aria-label="search" placeholder="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted">{list.data ? `${list.data.count} ${kind}` : ''}</span>
      </div>
      {failures.map((e, i) => <div className="error" role="alert" key={i}>{e!.message}</div>)}
      <table data-testid={`${kind}-list`}>
        <thead><tr><th>Title</th><th>Status</th><th>v</th><th /></tr></thead>
        <tbody>
          {list.data?.results.map((item: Item) => {
            const id = idOf(kind, item);
            const pending = (item as { pending?: boolean }).pending;
            return (
              <tr key={id} data-testid={`row-${id}`} className={`${id === selected ? 'selected' : ''} ${pending ? 'pending' : ''}`}>
                <td data-testid="title">{item.title}</td>
                <td><span className={`badge ${status === 'deleted' ? 'deleted' : item.status}`}>{status === 'deleted' ? 'deleted' : item.status}</span></td>
                <td data-testid="version">{item.version}</td>
                <td><div className="actions">
                  {status === 'deleted' ? (
                    <button onClick={() => restore.mutate({ id: (item as Post).id })}>Restore</button>
                  ) : (
                    <>
                      <button onClick={() => onSelect(id)} disabled={pending}>Edit</button>
                      {item.status === 'published'
                        ? <button onClick={() => setItemStatus(item, 'draft')} disabled={pending}>Unpublish</button>
                        : <button onClick={() => setItemStatus(item, 'published')} disabled={pending}>Publish</button>}
                      <button className="danger" onClick={() => remove(item)} disabled={pending}>Delete</button>
                    </>
                  )}
                </div></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

interface Conflict {
  current: Item;
  /** The If-Match for "overwrite": the ETag the client got when it fetched the current version. */
  etag: string;
}

function Editor({ kind, id, onDone }: { kind: Kind; id: string; onDone: (id: string | null) => void }) {
  const client = useAnsafClient();
  const isNew = id === 'new';
  const post = usePost(kind === 'posts' && !isNew ? Number(id) : null);
  const page = usePage(kind === 'pages' && !isNew ? id : null);
  const detail = (kind === 'posts' ? post : page) as ReturnType<typeof usePost> | ReturnType<typeof usePage>;
  const live = detail.data as Item | undefined;
  const createPost = useCreatePost();
  const createPage = useCreatePage();
  const updatePost = useUpdatePost();
  const updatePage = useUpdatePage();

  // The version this edit is based on: fixed when the editor opens, not moved by live updates.
  const [base, setBase] = useState<Item | null>(null);
  const [form, setForm] = useState<Form>(formOf(undefined));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<ApiProblem | Error | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (live && !base) { setBase(live); setForm(formOf(live)); }
  }, [live, base]);

  const fields = FIELDS[kind];
  const patchOf = (f: Form) => Object.fromEntries(fields.map((k) => [k, f[k]]));
  const path = (item: Item) => (kind === 'posts' ? client.posts.path((item as Post).id) : client.pages.path(item.slug));

  async function save(ifMatch: string) {
    setSaving(true);
    setError(null);
    try {
      const patch = patchOf(form);
      if (isNew) {
        const created = kind === 'posts'
          ? await createPost.mutateAsync(patch as never)
          : await createPage.mutateAsync(patch as never);
        onDone(idOf(kind, created));
        return;
      }
      const saved = kind === 'posts'
        ? await updatePost.mutateAsync({ id: Number(id), patch, ifMatch })
        : await updatePage.mutateAsync({ id, patch, ifMatch });
      setConflict(null);
      setBase(saved);
      setForm(formOf(saved));
      if (idOf(kind, saved) !== id) onDone(idOf(kind, saved));
    } catch (e) {
      if (e instanceof VersionConflict && base) {
        // Fetch what is there now (this also records its ETag) and show what changed.
        const current = kind === 'posts' ? await client.posts.get(Number(id)) : await client.pages.get(id);
        setConflict({ current, etag: client.etagFor(path(current)) ?? String(current.version) });
      } else {
        setError(e as Error);
      }
    } finally {
      setSaving(false);
    }
  }

  const reload = () => {
    if (!conflict) return;
    setBase(conflict.current);
    setForm(formOf(conflict.current));
    setConflict(null);
  };

  if (!isNew && detail.isError) return <div className="error" role="alert">{(detail.error as Error).message}</div>;
  if (!isNew && !base) return <p>Loading…</p>;
  const changedMeanwhile = !isNew && live && base && live.version > base.version && !conflict;
  const theirs = conflict ? formOf(conflict.current) : null;
  const diff = theirs ? fields.filter((f) => theirs[f] !== form[f]) : [];

  return (
    <form data-testid="editor" onSubmit={(e) => { e.preventDefault(); void save(base ? String(base.version) : '*'); }}>
      <h2>{isNew ? `New ${kind === 'posts' ? 'post' : 'page'}` : `Editing ${kind === 'posts' ? 'post' : 'page'} ${id} (v${base!.version})`}</h2>
      {changedMeanwhile && (
        <div className="notice" data-testid="changed-meanwhile">
          Changed by someone else since you opened it (now v{live!.version}). Saving will show a conflict.
        </div>
      )}
      {conflict && (
        <div className="conflict" data-testid="conflict">
          <strong>Version conflict.</strong> Someone saved v{conflict.current.version} while you edited v{base!.version}.
          <table>
            <thead><tr><th>Field</th><th>Theirs (v{conflict.current.version})</th><th>Yours</th></tr></thead>
            <tbody>
              {diff.map((f) => (
                <tr key={f} data-testid={`diff-${f}`}>
                  <td>{f}</td><td className="theirs">{theirs![f]}</td><td className="mine">{form[f]}</td>
                </tr>
              ))}
              {diff.length === 0 && <tr><td colSpan={3}>Same content; only the version differs.</td></tr>}
            </tbody>
          </table>
          <div className="toolbar">
            <button type="button" onClick={reload} data-testid="reload">Reload theirs</button>
            <button type="button" className="danger" onClick={() => void save(conflict.etag)} data-testid="overwrite">Overwrite with mine</button>
          </div>
        </div>
      )}
      {error && (
        <div className="error" role="alert">
          {error.message}
          {error instanceof ApiProblem && Object.entries(error.errors).map(([f, m]) => <div key={f}>{f}: {m.join(', ')}</div>)}
        </div>
      )}
      <label>Title<input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
      {fields.includes('excerpt') && (
        <label>Excerpt<input name="excerpt" value={form.excerpt} onChange={(e) => setForm({ ...form, excerpt: e.target.value })} /></label>
      )}
      <label>Body (HTML)<textarea name="body" value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} /></label>
      <label>Status
        <select name="status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
          {STATUSES[kind].map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <div className="toolbar">
        <button className="primary" type="submit" disabled={saving || !!conflict} data-testid="save">Save</button>
        <button type="button" onClick={() => onDone(null)}>Close</button>
      </div>
    </form>
  );
}
