/** Sign-in, and what an anonymous visitor may read: the published posts and pages. */
import type { FormEvent } from 'react';
import { Alert, Button, Card, List, PasswordInput, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useLogin, usePages, usePosts } from '../api/hooks';
import { sentence } from './messages';

export function Login() {
  const login = useLogin();
  const posts = usePosts({ ordering: '-updated_at', page_size: 20 });
  const pages = usePages({ page_size: 20 });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    login.mutate({ username: String(f.get('username')), password: String(f.get('password')) });
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" maw={960}>
      <Card withBorder component="section" aria-labelledby="login-title">
        <form onSubmit={submit}>
          <Stack>
            <Title order={2} size="h3" id="login-title">Sign in</Title>
            {login.error && <Alert color="red" role="alert" data-testid="login-error">{sentence(login.error, 'login')}</Alert>}
            <TextInput name="username" label="Username" autoComplete="username" required />
            <PasswordInput name="password" label="Password" autoComplete="current-password" required />
            <Button type="submit" loading={login.isPending}>Sign in</Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder component="section" data-testid="public" aria-labelledby="public-title">
        <Title order={2} size="h3" id="public-title">Published</Title>
        <List data-testid="public-posts" mb="md">
          {posts.data?.results.map((p) => <List.Item key={p.id} data-status={p.status}>{p.title}</List.Item>)}
        </List>
        <Title order={2} size="h4">Pages</Title>
        <List data-testid="public-pages">
          {pages.data?.results.map((p) => <List.Item key={p.slug} data-status={p.status}>{p.title}</List.Item>)}
        </List>
      </Card>
    </SimpleGrid>
  );
}
