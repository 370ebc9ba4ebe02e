/**
 * React Query hooks for every Ansaf resource. Queries use the keys of ./keys; mutations update
 * the cache optimistically and roll back when the server refuses. The option factories
 * (`listQuery`, `updateMutation`, ...) take no React and are what the hooks wrap, so they can be
 * used with a plain QueryClient (tests, loaders, prefetching).
 */
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import {
  AnsafClient,
  ApiProblem,
  type Category,
  type CategoryInput,
  type CategoryPatch,
  type Comment,
  type CommentInput,
  type CommentListParams,
  type CommentPatch,
  type ListParams,
  type Me,
  type Page,
  type PageInput,
  type PageListParams,
  type PagePatch,
  type Paginated,
  type Post,
  type PostInput,
  type User,
  type UserInput,
  type UserPatch,
  type PostListParams,
  type PostPatch,
  type Revision,
  type RevisionDiff,
  type RevisionSummary,
  type RevisionTarget,
} from './client';
import { keys, type Resource } from './keys';
import { applyLiveEvent, LiveSocket, refetchAfterChange, socketUrl, type LiveStatus } from './live';

export { keys };

// ---- the client in context ------------------------------------------------------------------------

const ClientContext = createContext<AnsafClient | null>(null);

export function AnsafProvider({ client, children }: { client: AnsafClient; children: ReactNode }) {
  return createElement(ClientContext.Provider, { value: client }, children);
}

export function useAnsafClient(): AnsafClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useAnsafClient: wrap the app in <AnsafProvider client={...}>');
  return client;
}

/** Retry network errors and 5xx, never a 4xx: the answer will not change. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiProblem && error.status < 500) return false;
  return failureCount < 2;
}

// ---- resource descriptions -----------------------------------------------------------------------

interface Model<T, I, P, L, K> {
  resource: Resource;
  idOf: (item: T) => K;
  api: (c: AnsafClient) => {
    path: (id: K) => string;
    list: (params?: L, signal?: AbortSignal) => Promise<Paginated<T>>;
    get: (id: K, signal?: AbortSignal) => Promise<T>;
    create: (input: I) => Promise<T>;
    update: (id: K, patch: P, ifMatch?: string | null) => Promise<T>;
    remove: (id: K, ifMatch?: string | null) => Promise<null>;
  };
}

export const models = {
  posts: { resource: 'posts', idOf: (p: Post) => p.id, api: (c: AnsafClient) => c.posts } as Model<Post, PostInput, PostPatch, PostListParams, number>,
  categories: { resource: 'categories', idOf: (x: Category) => x.id, api: (c: AnsafClient) => c.categories } as Model<Category, CategoryInput, CategoryPatch, ListParams, number>,
  comments: { resource: 'comments', idOf: (x: Comment) => x.id, api: (c: AnsafClient) => c.comments } as Model<Comment, CommentInput, CommentPatch, CommentListParams, number>,
  pages: { resource: 'pages', idOf: (x: Page) => x.slug, api: (c: AnsafClient) => c.pages } as Model<Page, PageInput, PagePatch, PageListParams, string>,
};

// ---- query and mutation options (no React) --------------------------------------------------------

export function listQuery<T, L>(client: AnsafClient, model: Model<T, unknown, unknown, L, unknown>, params?: L) {
  return {
    queryKey: keys.list(model.resource, params ?? {}),
    queryFn: ({ signal }: { signal?: AbortSignal }) => model.api(client).list(params, signal),
    retry: shouldRetry,
  } satisfies UseQueryOptions<Paginated<T>, Error, Paginated<T>, QueryKey>;
}

export function detailQuery<T, K>(client: AnsafClient, model: Model<T, unknown, unknown, unknown, K>, id: K) {
  return {
    queryKey: keys.detail(model.resource, String(id)),
    queryFn: ({ signal }: { signal?: AbortSignal }) => model.api(client).get(id, signal),
    retry: shouldRetry,
  } satisfies UseQueryOptions<T, Error, T, QueryKey>;
}

/** What a mutation changed in the cache before the server answered, to put back on failure. */
export interface Snapshot {
  entries: [QueryKey, unknown][];
}

async function snapshot(qc: QueryClient, resource: Resource, id?: unknown): Promise<Snapshot> {
  await qc.cancelQueries({ queryKey: keys.lists(resource) });
  const entries: [QueryKey, unknown][] = qc.getQueriesData({ queryKey: keys.lists(resource) });
  if (id !== undefined) {
    const key = keys.detail(resource, String(id));
    await qc.cancelQueries({ queryKey: key });
    entries.push([key, qc.getQueryData(key)]);
  }
  return { entries };
}

function rollback(qc: QueryClient, snap: Snapshot | undefined) {
  for (const [key, data] of snap?.entries ?? []) qc.setQueryData(key, data);
}

/** Applies `change` to the item with this id wherever it is cached (detail and every list page); null removes it from lists. */
export function changeCached<T>(qc: QueryClient, model: Model<T, never, never, never, unknown>, id: unknown,
    change: (item: T) => T | null) {
  const same = (item: T) => String(model.idOf(item)) === String(id);
  qc.setQueriesData<Paginated<T>>({ queryKey: keys.lists(model.resource) }, (page) => {
    if (!page?.results?.some(same)) return page;
    const results: T[] = [];
    for (const item of page.results) {
      const next = same(item) ? change(item) : item;
      if (next) results.push(next);
    }
    return { ...page, results, count: page.count - (page.results.length - results.length) };
  });
  const detailKey = keys.detail(model.resource, String(id));
  const current = qc.getQueryData<T>(detailKey);
  if (current) {
    const next = change(current);
    if (next) qc.setQueryData(detailKey, next);
  }
}

type AnyModel<T, I, P, K> = Model<T, I, P, never, K>;

export interface UpdateVars<K, P> {
  id: K;
  patch: P;
  /** The version the edit is based on: an ETag or bare version (`String(item.version)`); default: the last ETag seen. */
  ifMatch?: string | null;
  /**
   * Send `Prefer: conflict=merge`: when `ifMatch` is stale but none of the patch's fields changed
   * since, the server applies the patch on top of the current version instead of answering 409.
   */
  merge?: boolean;
}

export function updateMutation<T, I, P, K>(client: AnsafClient, qc: QueryClient, model: AnyModel<T, I, P, K>) {
  return {
    mutationFn: async ({ id, patch, ifMatch, merge }: UpdateVars<K, P>) =>
      merge && ifMatch
        ? (await client.patchMerging<T>(model.api(client).path(id), patch as object, ifMatch)).data
        : model.api(client).update(id, patch, ifMatch),
    onMutate: async ({ id, patch }: UpdateVars<K, P>) => {
      const snap = await snapshot(qc, model.resource, id);
      changeCached(qc, model as never, id, (item: T) => ({ ...item, ...patch }));
      return snap;
    },
    onError: (_e: Error, _v: UpdateVars<K, P>, snap: Snapshot | undefined) => rollback(qc, snap),
    onSuccess: (saved: T, { id }: UpdateVars<K, P>) => {
      changeCached(qc, model as never, id, () => saved);
      qc.setQueryData(keys.detail(model.resource, String(model.idOf(saved))), saved);
    },
    onSettled: () => refetchAfterChange(qc, keys.lists(model.resource)),
  } satisfies UseMutationOptions<T, Error, UpdateVars<K, P>, Snapshot>;
}

export interface RemoveVars<K> {
  id: K;
  ifMatch?: string | null;
}

export function removeMutation<T, I, P, K>(client: AnsafClient, qc: QueryClient, model: AnyModel<T, I, P, K>) {
  return {
    mutationFn: ({ id, ifMatch }: RemoveVars<K>) => model.api(client).remove(id, ifMatch),
    onMutate: async ({ id }: RemoveVars<K>) => {
      const snap = await snapshot(qc, model.resource, id);
      changeCached(qc, model as never, id, () => null);
      return snap;
    },
    onError: (_e: Error, _v: RemoveVars<K>, snap: Snapshot | undefined) => rollback(qc, snap),
    onSettled: (_d: unknown, _e: Error | null, { id }: RemoveVars<K>) => {
      void refetchAfterChange(qc, keys.detail(model.resource, String(id)));
      return refetchAfterChange(qc, keys.lists(model.resource));
    },
  } satisfies UseMutationOptions<null, Error, RemoveVars<K>, Snapshot>;
}

let temporaryIds = 0;

export function createMutation<T, I, P, K>(client: AnsafClient, qc: QueryClient, model: AnyModel<T, I, P, K>) {
  return {
    mutationFn: (input: I) => model.api(client).create(input),
    onMutate: async (input: I) => {
      const snap = await snapshot(qc, model.resource);
      // A placeholder at the top of the first page of each list, until the server answers.
      const placeholder = { ...input, id: -(++temporaryIds), slug: `creating-${temporaryIds}`, version: 0, pending: true } as unknown as T;
      qc.setQueriesData<Paginated<T>>({ queryKey: keys.lists(model.resource) }, (page) =>
        page && !page.previous ? { ...page, count: page.count + 1, results: [placeholder, ...page.results] } : page);
      return snap;
    },
    onError: (_e: Error, _v: I, snap: Snapshot | undefined) => rollback(qc, snap),
    onSuccess: (saved: T) => qc.setQueryData(keys.detail(model.resource, String(model.idOf(saved))), saved),
    onSettled: () => refetchAfterChange(qc, keys.lists(model.resource)),
  } satisfies UseMutationOptions<T, Error, I, Snapshot>;
}

export function restorePostMutation(client: AnsafClient, qc: QueryClient) {
  return {
    mutationFn: ({ id }: { id: number }) => client.restorePost(id),
    onMutate: async ({ id }: { id: number }) => {
      const snap = await snapshot(qc, 'posts', id);
      changeCached(qc, models.posts as never, id, () => null); // leaves the list of deleted posts
      return snap;
    },
    onError: (_e: Error, _v: { id: number }, snap: Snapshot | undefined) => rollback(qc, snap),
    onSuccess: (saved: Post) => qc.setQueryData(keys.detail('posts', String(saved.id)), saved),
    onSettled: () => refetchAfterChange(qc, keys.lists('posts')),
  } satisfies UseMutationOptions<Post, Error, { id: number }, Snapshot>;
}

export function restorePageMutation(client: AnsafClient, qc: QueryClient) {
  return {
    mutationFn: ({ slug }: { slug: string }) => client.restorePage(slug),
    onMutate: async ({ slug }: { slug: string }) => {
      const snap = await snapshot(qc, 'pages', slug);
      changeCached(qc, models.pages as never, slug, () => null); // leaves the list of deleted pages
      return snap;
    },
    onError: (_e: Error, _v: { slug: string }, snap: Snapshot | undefined) => rollback(qc, snap),
    onSuccess: (saved: Page) => qc.setQueryData(keys.detail('pages', saved.slug), saved),
    onSettled: () => refetchAfterChange(qc, keys.lists('pages')),
  } satisfies UseMutationOptions<Page, Error, { slug: string }, Snapshot>;
}

// ---- hooks -------------------------------------------------------------------------------------------

function useListOf<T, L>(model: Model<T, never, never, L, never>, params?: L, enabled = true) {
  const client = useAnsafClient();
  return useQuery({ ...listQuery<T, L>(client, model as never, params), enabled });
}

function useDetailOf<T, K>(model: Model<T, never, never, never, K>, id: K | null | undefined) {
  const client = useAnsafClient();
  return useQuery({ ...detailQuery<T, K>(client, model as never, id as K), enabled: id != null && id !== '' });
}

function useUpdateOf<T, I, P, K>(model: AnyModel<T, I, P, K>) {
  const client = useAnsafClient();
  return useMutation(updateMutation(client, useQueryClient(), model));
}

function useRemoveOf<T, I, P, K>(model: AnyModel<T, I, P, K>) {
  const client = useAnsafClient();
  return useMutation(removeMutation(client, useQueryClient(), model));
}

function useCreateOf<T, I, P, K>(model: AnyModel<T, I, P, K>) {
  const client = useAnsafClient();
  return useMutation(createMutation(client, useQueryClient(), model));
}

export const usePosts = (params?: PostListParams, enabled?: boolean) => useListOf(models.posts as never, params, enabled) as ReturnType<typeof useQuery<Paginated<Post>>>;
export const usePost = (id: number | null | undefined) => useDetailOf<Post, number>(models.posts as never, id);
export const useCreatePost = () => useCreateOf(models.posts);
export const useUpdatePost = () => useUpdateOf(models.posts);
export const useDeletePost = () => useRemoveOf(models.posts);
export function useRestorePost() {
  return useMutation(restorePostMutation(useAnsafClient(), useQueryClient()));
}

export const useCategories = (params?: ListParams) => useListOf(models.categories as never, params) as ReturnType<typeof useQuery<Paginated<Category>>>;
export const useCategory = (id: number | null | undefined) => useDetailOf<Category, number>(models.categories as never, id);
export const useCreateCategory = () => useCreateOf(models.categories);
export const useUpdateCategory = () => useUpdateOf(models.categories);
export const useDeleteCategory = () => useRemoveOf(models.categories);

export const useComments = (params?: CommentListParams) => useListOf(models.comments as never, params) as ReturnType<typeof useQuery<Paginated<Comment>>>;
export const useComment = (id: number | null | undefined) => useDetailOf<Comment, number>(models.comments as never, id);
export const useCreateComment = () => useCreateOf(models.comments);
export const useUpdateComment = () => useUpdateOf(models.comments);
export const useDeleteComment = () => useRemoveOf(models.comments);

export const usePages = (params?: PageListParams, enabled?: boolean) => useListOf(models.pages as never, params, enabled) as ReturnType<typeof useQuery<Paginated<Page>>>;
export const usePage = (slug: string | null | undefined) => useDetailOf<Page, string>(models.pages as never, slug);
export const useCreatePage = () => useCreateOf(models.pages);
export const useUpdatePage = () => useUpdateOf(models.pages);
export const useDeletePage = () => useRemoveOf(models.pages);

export function useRestorePage() {
  return useMutation(restorePageMutation(useAnsafClient(), useQueryClient()));
}

// ---- users (staff) ------------------------------------------------------------------------------------
// Users have no socket events (and no place in live.ts's Resource): their own key, and every change refetches.
const userLists = ['users', 'list'] as const;

export function useUsers(params?: ListParams) {
  const client = useAnsafClient();
  return useQuery({
    queryKey: [...userLists, params ?? {}],
    queryFn: () => client.auth.users.list(params),
    retry: shouldRetry,
  });
}

export function useCreateUser() {
  const client = useAnsafClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UserInput) => client.auth.users.create(input),
    onSettled: () => qc.invalidateQueries({ queryKey: userLists }),
  });
}

export function useUpdateUser() {
  const client = useAnsafClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) => client.auth.users.update(id, patch),
    onSuccess: (saved: User) => {
      qc.setQueriesData<Paginated<User>>({ queryKey: userLists }, (page) =>
        page && { ...page, results: page.results.map((u) => (u.id === saved.id ? saved : u)) });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: userLists }),
  });
}

// ---- auth -------------------------------------------------------------------------------------------

/** The logged-in user, or null when anonymous (a 401 is not an error here). */
export function meQuery(client: AnsafClient) {
  return {
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await client.auth.me();
      } catch (e) {
        if (e instanceof ApiProblem && (e.status === 401 || e.status === 403)) return null;
        throw e;
      }
    },
    retry: shouldRetry,
    staleTime: 60_000,
  };
}

export function useMe() {
  return useQuery(meQuery(useAnsafClient()));
}

export function useLogin() {
  const client = useAnsafClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => client.auth.login(username, password),
    onSuccess: (me) => {
      // Another user sees other content: drop everything cached for the previous one.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      qc.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const client = useAnsafClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => client.auth.logout(),
    onSettled: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      qc.setQueryData(keys.me, null);
    },
  });
}

// ---- real time ----------------------------------------------------------------------------------------

export interface LiveUpdatesOptions {
  enabled?: boolean;
  channels?: ('blogs' | 'pages')[];
  /** Reconnect with a new handshake (and so the new session's visibility) whenever this changes, e.g. the user id. */
  identity?: unknown;
}

/**
 * Keeps the cache live: connects to /ws/v1/blogs/ and /ws/v1/pages/, applies every event to
 * exactly the queries it affects (see `cacheEffects`), and reconnects with exponential backoff from
 * the last event it received (`?since=`): the replayed events refetch only what they touch, and
 * everything is refetched only when the server answers `resync`. Returns the worst status of its
 * sockets.
 */
export function useLiveUpdates({ enabled = true, channels = ['blogs', 'pages'], identity }: LiveUpdatesOptions = {}): LiveStatus {
  const client = useAnsafClient();
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('closed');
  const channelKey = channels.join(',');
  useEffect(() => {
    if (!enabled) return;
    const statuses = new Map<string, LiveStatus>();
    const rank: LiveStatus[] = ['closed', 'reconnecting', 'connecting', 'open'];
    const sockets = channelKey.split(',').map((channel) => new LiveSocket({
      url: socketUrl(client.baseUrl, channel as 'blogs' | 'pages'),
      position: () => client.changes({ channel: channel as 'blogs' | 'pages', limit: 1 }).then((c) => c.last_event_id),
      onEvent: (event) => applyLiveEvent(qc, event, client),
      onStatus: (s) => {
        statuses.set(channel, s);
        const worst = [...statuses.values()].reduce((a, b) => (rank.indexOf(a) <= rank.indexOf(b) ? a : b));
        setStatus(worst);
      },
    }));
    return () => sockets.forEach((s) => s.close());
  }, [client, qc, enabled, channelKey, identity]);
  return status;
}

// ---- revisions -----------------------------------------------------------------------------------

/** Revision queries live under the item's detail key, so whatever refetches the item refetches them. */
export function revisionKey(target: RevisionTarget, ...rest: unknown[]) {
  return [...keys.detail(target.kind, String(target.id)), 'revisions', ...rest] as const;
}

/** The revisions of a post or page, newest first (author and staff). */
export function useRevisions(target: RevisionTarget | null, params?: { page?: number; page_size?: number }) {
  const client = useAnsafClient();
  return useQuery<Paginated<RevisionSummary>>({
    queryKey: target ? revisionKey(target, 'list', params ?? {}) : ['revisions', 'none'],
    queryFn: ({ signal }) => client.revisions.list(target!, params, signal),
    enabled: target != null,
    retry: shouldRetry,
  });
}

/** One revision with its content. */
export function useRevision(target: RevisionTarget | null, version: number | null) {
  const client = useAnsafClient();
  return useQuery<Revision>({
    queryKey: target ? revisionKey(target, 'one', version) : ['revisions', 'none'],
    queryFn: ({ signal }) => client.revisions.get(target!, version!, signal),
    enabled: target != null && version != null,
    retry: shouldRetry,
  });
}

/** What changed between two revisions (`against` defaults to the one before). */
export function useRevisionDiff(target: RevisionTarget | null, version: number | null, against?: number) {
  const client = useAnsafClient();
  return useQuery<RevisionDiff>({
    queryKey: target ? revisionKey(target, 'diff', version, against ?? null) : ['revisions', 'none'],
    queryFn: ({ signal }) => client.revisions.diff(target!, version!, against, signal),
    enabled: target != null && version != null,
    retry: shouldRetry,
  });
}

/** Reverts an item to a revision; the new version replaces the cached item and its history is refetched. */
export function useRevert<T extends Post | Page>(target: RevisionTarget) {
  const client = useAnsafClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ifMatch }: { version: number; ifMatch?: string }) => client.revisions.revert<T>(target, version, ifMatch),
    onSuccess: (saved: T) => {
      qc.setQueryData(keys.detail(target.kind, String(target.id)), saved);
      void qc.invalidateQueries({ queryKey: revisionKey(target) });
      void refetchAfterChange(qc, keys.lists(target.kind));
    },
  });
}
