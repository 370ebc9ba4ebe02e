/**
 * Query keys, one scheme for every resource: `[resource, 'list', params]` and
 * `[resource, 'detail', id-as-string]`, so that an event can name exactly what it affects.
 */
export type Resource = 'posts' | 'categories' | 'comments' | 'pages';

export const keys = {
  all: (r: Resource) => [r] as const,
  lists: (r: Resource) => [r, 'list'] as const,
  list: (r: Resource, params?: object) => [r, 'list', params ?? {}] as const,
  details: (r: Resource) => [r, 'detail'] as const,
  detail: (r: Resource, id: string | number) => [r, 'detail', String(id)] as const,
  me: ['auth', 'me'] as const,
};
