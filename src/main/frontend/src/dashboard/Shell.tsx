/**
 * The frame: a header (live status, who is signed in), a navigation with one entry per model, and
 * the current view. One column on narrow screens: the navigation folds behind a burger. Until
 * someone signs in, the sign-in form (and the published content) is all there is; the URL is
 * kept, so a deep link opens its view right after sign-in.
 */
import type { ReactNode } from 'react';
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useIsFetching, useIsMutating } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useLiveUpdates, useLogout, useMe } from '../api/hooks';
import { Login } from './Login';
import { ConfirmProvider } from './ui';

const NAV: { to: string; label: string }[] = [
  { to: '/posts', label: 'Posts' },
  { to: '/pages', label: 'Pages' },
  { to: '/comments', label: 'Comments' },
  { to: '/categories', label: 'Categories' },
  { to: '/users', label: 'Users' },
  { to: '/trash', label: 'Trash' },
];

export function Shell() {
  const me = useMe();
  const user = me.data ?? null;
  // Anonymous visitors get live updates of what they may read, but no status: there is nothing to act on.
  const live = useLiveUpdates({ enabled: !me.isPending, identity: user?.id ?? 'anonymous' });
  const logout = useLogout();
  const [opened, { toggle, close }] = useDisclosure(false);
  const path = useRouterState({ select: (s) => s.location.pathname });
  // Whether anything is still being fetched or saved: what the e2e waits on instead of sleeping.
  const busy = useIsFetching() + useIsMutating() > 0;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={user ? { width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <AppShell.Header className="topbar">
        <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap">
            {user && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" color="white" />}
            <Title order={1} size="h4" c="white">Ansaf</Title>
            {user && (
              <Badge color={live === 'open' ? '#1e6b30' : '#343a40'} variant="filled" data-testid="live-status">
                live: {live}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <span className="sr-only" data-testid="sync" data-idle={String(!busy)}>{busy ? 'syncing' : ''}</span>
            {user && (
              <>
                <Text c="white" size="sm" data-testid="whoami" visibleFrom="xs">{user.username}{user.is_staff ? ' (staff)' : ''}</Text>
                <Button size="xs" variant="white" color="dark" onClick={() => logout.mutate()}>Log out</Button>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {user && (
        <AppShell.Navbar p="xs" aria-label="Sections">
          {NAV.map((n) => (
            <NavLink
              key={n.to}
              renderRoot={(props) => <Link {...props} to={n.to} />}
              label={n.label}
              variant="filled"
              active={path === n.to || path.startsWith(`${n.to}/`)}
              onClick={close}
              data-testid={`nav-${n.label.toLowerCase()}`}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <Frame signedIn={!!user} pending={me.isPending}>
          <Outlet />
        </Frame>
      </AppShell.Main>
    </AppShell>
  );
}

function Frame({ signedIn, pending, children }: { signedIn: boolean; pending: boolean; children: ReactNode }) {
  if (pending) return <Text>Loading…</Text>;
  if (!signedIn) return <Login />;
  return <ConfirmProvider>{children}</ConfirmProvider>;
}
