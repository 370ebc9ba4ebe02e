/**
 * The dashboard's URLs, code-based TanStack Router routes under /dashboard/. Every view has one, so
 * a reload or a shared link opens it and the back button walks the history; list state (page,
 * filter, search, ordering) lives in the query string. Views are separate chunks, loaded on first
 * visit; the rich-text editor is one more chunk inside the editor's.
 */
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { Shell } from './Shell';

export interface ListSearch {
  page?: number;
  page_size?: number;
  status?: string;
  search?: string;
  /** Ranked full-text search (the API's `q`): relevance order unless `ordering` is set. */
  q?: string;
  ordering?: string;
  /** Posts: a category id. */
  category?: string;
}

// The router parses search values as JSON: `?category=12` arrives as a number, `?search=12` too.
const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
export const listSearch = (s: Record<string, unknown>): ListSearch => ({
  page: int(s.page),
  page_size: int(s.page_size),
  status: text(s.status),
  search: text(s.search),
  q: text(s.q),
  ordering: text(s.ordering),
  category: text(s.category),
});

const root = createRootRoute({ component: Shell });

const index = createRoute({
  getParentRoute: () => root,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/posts' });
  },
});

const posts = createRoute({
  getParentRoute: () => root,
  path: 'posts',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./views/ContentList'), 'PostsView'),
});
const post = createRoute({
  getParentRoute: () => root,
  path: 'posts/$id',
  component: lazyRouteComponent(() => import('./views/Editor'), 'PostEditor'),
});
const postHistory = createRoute({
  getParentRoute: () => root,
  path: 'posts/$id/history',
  component: lazyRouteComponent(() => import('./views/History'), 'PostHistory'),
});
const pages = createRoute({
  getParentRoute: () => root,
  path: 'pages',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./views/ContentList'), 'PagesView'),
});
const page = createRoute({
  getParentRoute: () => root,
  path: 'pages/$slug',
  component: lazyRouteComponent(() => import('./views/Editor'), 'PageEditor'),
});
const pageHistory = createRoute({
  getParentRoute: () => root,
  path: 'pages/$slug/history',
  component: lazyRouteComponent(() => import('./views/History'), 'PageHistory'),
});
const comments = createRoute({
  getParentRoute: () => root,
  path: 'comments',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./views/Comments'), 'CommentsView'),
});
const categories = createRoute({
  getParentRoute: () => root,
  path: 'categories',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./views/Categories'), 'CategoriesView'),
});
const users = createRoute({
  getParentRoute: () => root,
  path: 'users',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./views/Users'), 'UsersView'),
});
const trash = createRoute({
  getParentRoute: () => root,
  path: 'trash',
  component: lazyRouteComponent(() => import('./views/Trash'), 'TrashView'),
});

export const routeTree = root.addChildren([index, posts, post, postHistory, pages, page, pageHistory, comments, categories, users, trash]);

export const router = createRouter({ routeTree, basepath: '/dashboard', defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
