/**
 * The editor of one post or page (`/dashboard/posts/12`, `/dashboard/pages/about`, `…/new`):
 * title, slug, excerpt, category, status, the body as rich text (or its HTML) with a preview, and
 * what the server keeps (author, dates, views, comments, version). The version it was opened at is
 * pinned: a save sends it as If-Match with only the fields edited and `Prefer: conflict=merge`, so
 * edits to fields nobody else touched meanwhile are merged by the server; a 409 (someone changed a
 * field this edit changes too) shows theirs and yours field by field, the colliding ones first, with
 * "Reload theirs" and "Overwrite with mine". "History" lists the revisions, with diff and revert. Leaving with unsaved edits asks first; a body the
 * sanitizer changed is pointed out after the save.
 */
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert, Anchor, Button, Card, Grid, Group, Loader, Modal, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea,
  TextInput, Title, Typography,
} from '@mantine/core';
import { Link, useBlocker, useNavigate, useParams } from '@tanstack/react-router';
import { ApiProblem, VersionConflict, type Page, type Post } from '../../api/client';
import {
  useAnsafClient, useCategories, useCreatePage, useCreatePost, usePage, usePost, useUpdatePage, useUpdatePost,
} from '../../api/hooks';
import { fieldErrors, sentence } from '../messages';
import { notifyDone, when } from '../ui';

const RichText = lazy(() => import('./RichText'));

type Kind = 'posts' | 'pages';
type Item = Post | Page;
interface Form { title: string; slug: string; excerpt: string; body: string; status: string; category: string }
const FIELDS: Record<Kind, (keyof Form)[]> = {
  posts: ['title', 'slug', 'excerpt', 'body', 'status', 'category'],
  pages: ['title', 'slug', 'body', 'status'],
};
const STATUSES: Record<Kind, string[]> = { posts: ['draft', 'published', 'archived'], pages: ['draft', 'published'] };
const idOf = (kind: Kind, item: Item) => (kind === 'posts' ? String((item as Post).id) : item.slug);
const formOf = (item: Partial<Item> | undefined): Form => ({
  title: item?.title ?? '',
  slug: item?.slug ?? '',
  excerpt: (item as Post | undefined)?.excerpt ?? '',
  body: item?.body ?? '',
  status: item?.status ?? 'draft',
  category: (item as Post | undefined)?.category != null ? String((item as Post).category) : '',
});
const same = (a: Form, b: Form) => JSON.stringify(a) === JSON.stringify(b);

/** The HTML as a browser serializes it, so that `<br />` and `<br>` compare equal. */
function canonical(html: string): string {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.innerHTML.replace(/\s+/g, ' ').trim();
}
/** Elements (by tag) and attributes the sanitizer took out of `sent` when it stored `kept`. */
export function removedByServer(sent: string, kept: string): string[] {
  if (canonical(sent) === canonical(kept)) return [];
  const inventory = (html: string) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    const counts = new Map<string, number>();
    const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    t.content.querySelectorAll('*').forEach((el) => {
      add(`<${el.tagName.toLowerCase()}>`);
      for (const a of el.getAttributeNames()) add(`${a}="…"`);
    });
    return counts;
  };
  const before = inventory(sent);
  const after = inventory(kept);
  const removed = [...before].filter(([k, n]) => (after.get(k) ?? 0) < n).map(([k]) => k);
  return removed.length ? removed : ['some markup'];
}

export function PostEditor() {
  const { id } = useParams({ strict: false }) as { id: string };
  return <Editor key={`posts:${id}`} kind="posts" id={id} />;
}
export function PageEditor() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  return <Editor key={`pages:${slug}`} kind="pages" id={slug} />;
}

/** What a save found, carried to the editor of the URL a new item moves to (a new component). */
let carried: { key: string; removed: string[] } | null = null;

interface Conflict {
  current: Item;
  /** Fields both sides changed, as the server named them (null when it no longer keeps the base). */
  colliding: string[] | null;
  /** The If-Match for "overwrite": the ETag the client got when it fetched the current version. */
  etag: string;
}

function Editor({ kind, id }: { kind: Kind; id: string }) {
  const client = useAnsafClient();
  const navigate = useNavigate();
  const isNew = id === 'new';
  const post = usePost(kind === 'posts' && !isNew ? Number(id) : null);
  const page = usePage(kind === 'pages' && !isNew ? id : null);
  const detail = (kind === 'posts' ? post : page) as ReturnType<typeof usePost> | ReturnType<typeof usePage>;
  const live = detail.data as Item | undefined;
  const categories = useCategories({ page_size: 100 });
  const createPost = useCreatePost();
  const createPage = useCreatePage();
  const updatePost = useUpdatePost();
  const updatePage = useUpdatePage();

  // The version this edit is based on: fixed when the editor opens, not moved by live updates.
  const [base, setBase] = useState<Item | null>(null);
  const [form, setForm] = useState<Form>(formOf(undefined));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [removed, setRemoved] = useState<string[]>(() => {
    const mine = carried?.key === `${kind}:${id}` ? carried.removed : [];
    carried = null;
    return mine;
  });
  const [mode, setMode] = useState<string | null>('rich');
  const leaving = useRef(false);
  useEffect(() => {
    if (live && !base) { setBase(live); setForm(formOf(live)); }
  }, [live, base]);

  const dirty = !same(form, formOf(base ?? undefined)) && !leaving.current;
  const blocker = useBlocker({ shouldBlockFn: () => dirty && !leaving.current, enableBeforeUnload: () => dirty, withResolver: true });

  const fields = FIELDS[kind];
  const path = (item: Item) => (kind === 'posts' ? client.posts.path((item as Post).id) : client.pages.path(item.slug));
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const patchOf = (f: Form) => {
    const patch: Record<string, unknown> = { title: f.title, body: f.body, status: f.status };
    if (f.slug.trim()) patch.slug = f.slug.trim();
    if (kind === 'posts') { patch.excerpt = f.excerpt; patch.category = f.category ? Number(f.category) : null; }
    return patch;
  };

  /** `overwrite`: send the whole form on top of the version `ifMatch` names; else only what was edited, mergeable. */
  async function save(ifMatch: string, overwrite = false) {
    setSaving(true);
    setError(null);
    setRemoved([]);
    const whole = patchOf(form);
    const before = base ? patchOf(formOf(base)) : {};
    const patch = overwrite || isNew
      ? whole
      : Object.fromEntries(Object.entries(whole).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
    const merge = !overwrite && !isNew;
    try {
      const saved: Item = isNew
        ? kind === 'posts' ? await createPost.mutateAsync(patch as never) : await createPage.mutateAsync(patch as never)
        : kind === 'posts'
          ? await updatePost.mutateAsync({ id: Number(id), patch, ifMatch, merge })
          : await updatePage.mutateAsync({ id, patch, ifMatch, merge });
      const merged = merge && base != null && saved.version > base.version + 1;
      const lost = 'body' in patch ? removedByServer(String(patch.body ?? ''), saved.body) : [];
      setRemoved(lost);
      setConflict(null);
      setBase(saved);
      setForm(formOf(saved));
      notifyDone(merged
        ? `Saved “${saved.title}” (version ${saved.version}), merged with changes saved meanwhile.`
        : `Saved “${saved.title}” (version ${saved.version}).`);
      if (isNew || idOf(kind, saved) !== id) {
        leaving.current = true;
        carried = { key: `${kind}:${idOf(kind, saved)}`, removed: lost };
        await navigate({ to: kind === 'posts' ? '/posts/$id' : '/pages/$slug', params: { id: idOf(kind, saved), slug: idOf(kind, saved) } as never, replace: true });
      }
    } catch (e) {
      if (e instanceof VersionConflict && base) {
        // Fetch what is there now (this also records its ETag) and show what changed.
        const current = kind === 'posts' ? await client.posts.get(Number(id)) : await client.pages.get(id);
        setConflict({ current, colliding: e.conflictingFields, etag: client.etagFor(path(current)) ?? String(current.version) });
      } else {
        setError(e);
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

  const noun = kind === 'posts' ? 'post' : 'page';
  const back = kind === 'posts' ? '/posts' : '/pages';
  if (!isNew && detail.isError) {
    return <Alert color="red" role="alert">{sentence(detail.error, 'load')} <Anchor renderRoot={(props) => <Link {...props} to={back} />}>Back to the list</Anchor></Alert>;
  }
  if (!isNew && !base) return <Loader aria-label="Loading" />;
  const changedMeanwhile = !isNew && live && base && live.version > base.version && !conflict;
  const theirs = conflict ? formOf(conflict.current) : null;
  const colliding = conflict?.colliding ?? [];
  const diff = theirs
    ? fields.filter((f) => theirs[f] !== form[f]).sort((x, y) => Number(colliding.includes(y)) - Number(colliding.includes(x)))
    : [];
  const item = base as (Post & Page) | null;
  const submit = (e: FormEvent) => { e.preventDefault(); void save(base ? String(base.version) : '*'); };

  return (
    <form data-testid="editor" onSubmit={submit} noValidate>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2}>{isNew ? `New ${noun}` : `Editing ${noun} ${id} (v${base!.version})`}</Title>
        <Group gap="xs">
          <Button type="submit" loading={saving} disabled={!!conflict} data-testid="save">Save</Button>
          {!isNew && (
            <Button variant="default" data-testid="history" renderRoot={(props) => (
              <Link {...props} to={kind === 'posts' ? '/posts/$id/history' : '/pages/$slug/history'} params={{ id, slug: id } as never} />
            )}>History</Button>
          )}
          <Button variant="default" renderRoot={(props) => <Link {...props} to={back} />}>Close</Button>
        </Group>
      </Group>
      <Text size="sm" mb="sm" data-testid="dirty">{dirty ? 'Unsaved changes' : isNew ? '' : 'All changes saved'}</Text>
      {changedMeanwhile && (
        <Alert color="yellow" mb="sm" data-testid="changed-meanwhile">
          Changed by someone else since you opened it (now v{live!.version}). Saving will show a conflict.
        </Alert>
      )}
      {conflict && (
        <Card withBorder mb="md" data-testid="conflict" className="conflict">
          <Text fw={700}>Version conflict.</Text>
          <Text mb="sm">Someone saved v{conflict.current.version} while you edited v{base!.version}.</Text>
          <Table.ScrollContainer minWidth={0}>
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Field</Table.Th><Table.Th>Theirs (v{conflict.current.version})</Table.Th><Table.Th>Yours</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {diff.map((f) => (
                  <Table.Tr key={f} data-testid={`diff-${f}`} data-colliding={colliding.includes(f) || undefined}>
                    <Table.Td fw={600}>{f}{colliding.includes(f) ? ' (changed by both)' : ''}</Table.Td><Table.Td className="theirs">{theirs![f]}</Table.Td><Table.Td className="mine">{form[f]}</Table.Td>
                  </Table.Tr>
                ))}
                {diff.length === 0 && <Table.Tr><Table.Td colSpan={3}>Same content; only the version differs.</Table.Td></Table.Tr>}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group mt="sm">
            <Button variant="default" onClick={reload} data-testid="reload">Reload theirs</Button>
            <Button color="#a51d1d" onClick={() => void save(conflict.etag, true)} data-testid="overwrite">Overwrite with mine</Button>
          </Group>
        </Card>
      )}
      {error != null && (
        <Alert color="red" role="alert" mb="sm" data-testid="save-error">
          {sentence(error, 'save')}
          {error instanceof ApiProblem && fieldErrors(error).length > 1 && fieldErrors(error).map((m) => <div key={m}>{m}</div>)}
        </Alert>
      )}
      {removed.length > 0 && (
        <Alert color="yellow" mb="sm" data-testid="sanitized">
          The server removed what it does not allow in a body: {removed.join(', ')}. What you see now is what was stored.
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <TextInput label="Title" name="title" required value={form.title} onChange={(e) => set('title')(e.currentTarget.value)}
              error={error instanceof ApiProblem ? error.errors.title?.join(' ') : undefined} />
            <TextInput label="Slug" name="slug" description="Made from the title when left empty" value={form.slug}
              onChange={(e) => set('slug')(e.currentTarget.value)} error={error instanceof ApiProblem ? error.errors.slug?.join(' ') : undefined} />
            {kind === 'posts' && (
              <Textarea label="Excerpt" name="excerpt" autosize minRows={2} value={form.excerpt} onChange={(e) => set('excerpt')(e.currentTarget.value)} />
            )}
            <Tabs value={mode} onChange={setMode} keepMounted={false}>
              <Tabs.List aria-label="Body">
                <Tabs.Tab value="rich">Body</Tabs.Tab>
                <Tabs.Tab value="html" data-testid="html-tab">HTML</Tabs.Tab>
                <Tabs.Tab value="preview" data-testid="preview-tab">Preview</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="rich" pt="xs">
                <Suspense fallback={<Loader size="sm" aria-label="Loading the editor" />}>
                  <RichText value={form.body} onChange={set('body')} />
                </Suspense>
              </Tabs.Panel>
              <Tabs.Panel value="html" pt="xs">
                <Textarea aria-label="Body (HTML)" name="body" autosize minRows={8} value={form.body} onChange={(e) => set('body')(e.currentTarget.value)}
                  styles={{ input: { fontFamily: 'monospace' } }} />
              </Tabs.Panel>
              <Tabs.Panel value="preview" pt="xs">
                <Card withBorder data-testid="preview">
                  <Title order={3} mb="xs">{form.title}</Title>
                  {/* The editor's own HTML; the server sanitizes it again on save. */}
                  <Typography><div dangerouslySetInnerHTML={{ __html: form.body }} /></Typography>
                </Card>
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Select label="Status" name="status" data={STATUSES[kind]} value={form.status} onChange={(v) => v && set('status')(v)} allowDeselect={false} data-testid="status" />
              {kind === 'posts' && (
                <Select label="Category" name="category" clearable placeholder="None" data-testid="category"
                  data={(categories.data?.results ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
                  value={form.category || null} onChange={(v) => set('category')(v ?? '')} />
              )}
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={4} data-testid="facts">
                <Text size="sm" fw={600}>Author</Text><Text size="sm">{item?.author?.username ?? 'you'}</Text>
                <Text size="sm" fw={600}>Published</Text><Text size="sm">{item ? when(item.published_at) : '—'}</Text>
                <Text size="sm" fw={600}>Created</Text><Text size="sm">{when(item?.created_at)}</Text>
                <Text size="sm" fw={600}>Updated</Text><Text size="sm">{when(item?.updated_at)}</Text>
                {kind === 'posts' && <><Text size="sm" fw={600}>Views</Text><Text size="sm">{item?.view_count ?? 0}</Text></>}
                {kind === 'posts' && <><Text size="sm" fw={600}>Comments</Text><Text size="sm">{item?.comment_count ?? 0}</Text></>}
                <Text size="sm" fw={600}>Version</Text><Text size="sm">{item?.version ?? '—'}</Text>
              </SimpleGrid>
              <Text size="xs">Published is set by the server the first time the status becomes published.</Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <Modal opened={blocker.status === 'blocked'} onClose={() => blocker.reset?.()} title="Leave without saving?" centered>
        <Text mb="md">Your changes to this {noun} are not saved and will be lost.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()} data-testid="stay">Keep editing</Button>
          <Button color="#a51d1d" onClick={() => blocker.proceed?.()} data-testid="discard">Discard changes</Button>
        </Group>
      </Modal>
    </form>
  );
}
