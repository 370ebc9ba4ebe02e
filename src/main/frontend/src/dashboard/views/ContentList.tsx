/**
 * Posts and pages as paged, sortable tables, with status/category filters and search in the URL
 * (`/dashboard/posts?page=2&status=draft&ordering=-view_count`). Publish, unpublish and delete act
 * on a row; delete asks first and then offers Undo (restore).
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { Page, Post } from '../../api/client';
import {
  useCategories,
  useDeletePage,
  useDeletePost,
  usePages,
  usePosts,
  useRestorePage,
  useRestorePost,
  useUpdatePage,
  useUpdatePost,
} from '../../api/hooks';
import type { ListSearch } from '../router';
import { ErrorAlert, Highlight, notifyError, notifyUndo, Pager, SortTh, useConfirm, when } from '../ui';

export const STATUS_COLOR: Record<string, string> = { published: '#1e6b30', draft: '#8a4b00', archived: '#495057', deleted: '#a51d1d' };

export function StatusBadge({ status }: { status: string }) {
  return <Badge variant="outline" color={STATUS_COLOR[status] ?? '#495057'}>{status}</Badge>;
}

function useListState(defaultOrdering: string) {
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const set = (patch: Partial<ListSearch>) =>
    void navigate({ to: '.', search: (prev: ListSearch) => ({ ...prev, page: undefined, ...patch }), replace: !('page' in patch) });
  return {
    page: search.page ?? 1,
    pageSize: search.page_size ?? 25,
    status: search.status ?? '',
    text: search.search ?? '',
    q: search.q ?? '',
    ordering: search.ordering ?? defaultOrdering,
    /** What the API is asked for: a ranked search is ordered by relevance until a column is sorted. */
    apiOrdering: search.q && !search.ordering ? undefined : search.ordering ?? defaultOrdering,
    category: search.category,
    set,
  };
}

function Filters({ statuses, state, noun, children }: {
  statuses: string[];
  state: ReturnType<typeof useListState>;
  noun: string;
  children?: React.ReactNode;
}) {
  const [text, setText] = useState(state.text);
  const [q, setQ] = useState(state.q);
  const push = useDebouncedCallback((v: string) => state.set({ search: v || undefined }), 300);
  const pushQ = useDebouncedCallback((v: string) => state.set({ q: v || undefined }), 300);
  return (
    <Group mb="sm" gap="xs" align="flex-end">
      <Select
        label="Status"
        w={140}
        data={[{ value: '', label: 'all' }, ...statuses.map((s) => ({ value: s, label: s }))]}
        value={state.status}
        onChange={(v) => state.set({ status: v || undefined })}
        allowDeselect={false}
        data-testid="status-filter"
      />
      {children}
      <TextInput
        label={`Search ${noun}`}
        value={text}
        onChange={(e) => { setText(e.currentTarget.value); push(e.currentTarget.value); }}
        w={220}
        data-testid="search"
      />
      <TextInput
        label="Full-text search"
        description={'words, "phrases", -exclude, or'}
        value={q}
        onChange={(e) => { setQ(e.currentTarget.value); pushQ(e.currentTarget.value); }}
        w={260}
        data-testid="q"
      />
    </Group>
  );
}

export function PostsView() {
  const state = useListState('-updated_at');
  const posts = usePosts({
    page: state.page,
    page_size: state.pageSize,
    status: (state.status || undefined) as never,
    search: state.text || undefined,
    q: state.q || undefined,
    ordering: state.apiOrdering,
    category: state.category,
  });
  const categories = useCategories({ page_size: 100 });
  const update = useUpdatePost();
  const remove = useDeletePost();
  const restore = useRestorePost();
  const confirm = useConfirm();
  const sort = (ordering: string) => state.set({ ordering });

  const setStatus = (p: Post, status: Post['status']) =>
    update.mutate({ id: p.id, patch: { status }, ifMatch: String(p.version) }, { onError: (e) => notifyError(e, 'save') });
  const del = async (p: Post) => {
    if (!(await confirm({ title: 'Delete post?', message: `“${p.title}” goes to the trash; you can restore it from there.`, confirm: 'Delete', danger: true }))) return;
    remove.mutate({ id: p.id, ifMatch: String(p.version) }, {
      onError: (e) => notifyError(e, 'delete'),
      onSuccess: () => notifyUndo(`Deleted “${p.title}”.`, () => restore.mutate({ id: p.id }, { onError: (e) => notifyError(e) })),
    });
  };

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2}>Posts</Title>
        <Button renderRoot={(props) => <Link {...props} to="/posts/$id" params={{ id: 'new' }} />} data-testid="new">New post</Button>
      </Group>
      <Filters statuses={['draft', 'published', 'archived']} state={state} noun="posts">
        <Select
          label="Category"
          w={180}
          data={[{ value: '', label: 'any' }, ...(categories.data?.results ?? []).map((c) => ({ value: String(c.id), label: c.name }))]}
          value={state.category ?? ''}
          onChange={(v) => state.set({ category: v || undefined })}
          allowDeselect={false}
          data-testid="category-filter"
        />
      </Filters>
      <ErrorAlert error={posts.error} />
      <Table.ScrollContainer minWidth={0}>
        <Table striped highlightOnHover data-testid="posts-list" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <SortTh field="title" label="Title" ordering={state.ordering} onSort={sort} />
              <Table.Th visibleFrom="md">Author</Table.Th>
              <Table.Th visibleFrom="md">Category</Table.Th>
              <Table.Th w={110}>Status</Table.Th>
              <SortTh field="published_at" label="Published" ordering={state.ordering} onSort={sort} visibleFrom="lg" />
              <SortTh field="updated_at" label="Updated" ordering={state.ordering} onSort={sort} visibleFrom="sm" />
              <SortTh field="view_count" label="Views" ordering={state.ordering} onSort={sort} visibleFrom="md" />
              <Table.Th visibleFrom="md">Comments</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {posts.data?.results.map((p) => {
              const pending = (p as { pending?: boolean }).pending;
              return (
                <Table.Tr key={p.id} data-testid={`row-${p.id}`} className={pending ? 'pending' : undefined}>
                  <Table.Td>
                    <Anchor renderRoot={(props) => <Link {...props} to="/posts/$id" params={{ id: String(p.id) }} />} data-testid="title">{p.title}</Anchor>
                    <span hidden data-testid="version">{p.version}</span>
                    {p.search && <Highlight headline={p.search.headline} />}
                  </Table.Td>
                  <Table.Td visibleFrom="md">{p.author?.username}</Table.Td>
                  <Table.Td visibleFrom="md">{p.category_detail?.name ?? '—'}</Table.Td>
                  <Table.Td><StatusBadge status={p.status} /></Table.Td>
                  <Table.Td visibleFrom="lg">{when(p.published_at)}</Table.Td>
                  <Table.Td visibleFrom="sm">{when(p.updated_at)}</Table.Td>
                  <Table.Td visibleFrom="md">{p.view_count}</Table.Td>
                  <Table.Td visibleFrom="md">{p.comment_count}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {p.status === 'published'
                        ? <Button size="compact-sm" variant="default" disabled={pending} onClick={() => setStatus(p, 'draft')}>Unpublish</Button>
                        : <Button size="compact-sm" variant="default" disabled={pending} onClick={() => setStatus(p, 'published')}>Publish</Button>}
                      <Button size="compact-sm" variant="outline" color="#a51d1d" disabled={pending} onClick={() => void del(p)}
                        aria-label={`Delete ${p.title}`}>Delete</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {posts.data && (
        <Pager count={posts.data.count} page={state.page} pageSize={state.pageSize} noun="posts"
          onPage={(page) => state.set({ page })} onPageSize={(page_size) => state.set({ page_size })} />
      )}
    </>
  );
}

export function PagesView() {
  const state = useListState('-updated_at');
  const pages = usePages({
    page: state.page,
    page_size: state.pageSize,
    status: (state.status || undefined) as never,
    search: state.text || undefined,
    q: state.q || undefined,
    ordering: state.apiOrdering,
  });
  const update = useUpdatePage();
  const remove = useDeletePage();
  const restore = useRestorePage();
  const confirm = useConfirm();
  const sort = (ordering: string) => state.set({ ordering });

  const setStatus = (p: Page, status: Page['status']) =>
    update.mutate({ id: p.slug, patch: { status }, ifMatch: String(p.version) }, { onError: (e) => notifyError(e, 'save') });
  const del = async (p: Page) => {
    if (!(await confirm({ title: 'Delete page?', message: `“${p.title}” goes to the trash; you can restore it from there.`, confirm: 'Delete', danger: true }))) return;
    remove.mutate({ id: p.slug, ifMatch: String(p.version) }, {
      onError: (e) => notifyError(e, 'delete'),
      onSuccess: () => notifyUndo(`Deleted “${p.title}”.`, () => restore.mutate({ slug: p.slug }, { onError: (e) => notifyError(e) })),
    });
  };

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2}>Pages</Title>
        <Button renderRoot={(props) => <Link {...props} to="/pages/$slug" params={{ slug: 'new' }} />} data-testid="new">New page</Button>
      </Group>
      <Filters statuses={['draft', 'published']} state={state} noun="pages" />
      <ErrorAlert error={pages.error} />
      <Table.ScrollContainer minWidth={0}>
        <Table striped highlightOnHover data-testid="pages-list" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <SortTh field="title" label="Title" ordering={state.ordering} onSort={sort} />
              <Table.Th visibleFrom="md">Slug</Table.Th>
              <Table.Th visibleFrom="md">Author</Table.Th>
              <Table.Th w={110}>Status</Table.Th>
              <SortTh field="published_at" label="Published" ordering={state.ordering} onSort={sort} visibleFrom="lg" />
              <SortTh field="updated_at" label="Updated" ordering={state.ordering} onSort={sort} visibleFrom="sm" />
              <Table.Th><span className="sr-only">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pages.data?.results.map((p) => {
              const pending = (p as { pending?: boolean }).pending;
              return (
                <Table.Tr key={p.slug} data-testid={`row-${p.slug}`} className={pending ? 'pending' : undefined}>
                  <Table.Td>
                    <Anchor renderRoot={(props) => <Link {...props} to="/pages/$slug" params={{ slug: p.slug }} />} data-testid="title">{p.title}</Anchor>
                    <span hidden data-testid="version">{p.version}</span>
                    {p.search && <Highlight headline={p.search.headline} />}
                  </Table.Td>
                  <Table.Td visibleFrom="md">{p.slug}</Table.Td>
                  <Table.Td visibleFrom="md">{p.author?.username}</Table.Td>
                  <Table.Td><StatusBadge status={p.status} /></Table.Td>
                  <Table.Td visibleFrom="lg">{when(p.published_at)}</Table.Td>
                  <Table.Td visibleFrom="sm">{when(p.updated_at)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {p.status === 'published'
                        ? <Button size="compact-sm" variant="default" disabled={pending} onClick={() => setStatus(p, 'draft')}>Unpublish</Button>
                        : <Button size="compact-sm" variant="default" disabled={pending} onClick={() => setStatus(p, 'published')}>Publish</Button>}
                      <Button size="compact-sm" variant="outline" color="#a51d1d" disabled={pending} onClick={() => void del(p)}
                        aria-label={`Delete ${p.title}`}>Delete</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages.data && (
        <Pager count={pages.data.count} page={state.page} pageSize={state.pageSize} noun="pages"
          onPage={(page) => state.set({ page })} onPageSize={(page_size) => state.set({ page_size })} />
      )}
    </>
  );
}
