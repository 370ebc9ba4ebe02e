/** Deleted posts and pages, with restore. */
import { Button, Table, Text, Title } from '@mantine/core';
import { usePages, usePosts, useRestorePage, useRestorePost } from '../../api/hooks';
import { ErrorAlert, notifyDone, notifyError, when } from '../ui';

export function TrashView() {
  const posts = usePosts({ status: 'deleted', page_size: 100, ordering: '-updated_at' });
  const pages = usePages({ status: 'deleted' as never, page_size: 100 });
  const restorePost = useRestorePost();
  const restorePage = useRestorePage();
  return (
    <>
      <Title order={2} mb="sm">Trash</Title>
      <Title order={3} size="h4" mb="xs">Posts</Title>
      <ErrorAlert error={posts.error} />
      <Table striped mb="lg" data-testid="trash-posts">
        <Table.Thead><Table.Tr><Table.Th>Title</Table.Th><Table.Th visibleFrom="sm">Deleted</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {posts.data?.results.map((p) => (
            <Table.Tr key={p.id} data-testid={`row-${p.id}`}>
              <Table.Td>{p.title}</Table.Td>
              <Table.Td visibleFrom="sm">{when(p.updated_at)}</Table.Td>
              <Table.Td ta="right">
                <Button size="compact-sm" variant="default" aria-label={`Restore ${p.title}`}
                  onClick={() => restorePost.mutate({ id: p.id }, { onSuccess: () => notifyDone(`Restored “${p.title}”.`), onError: (e) => notifyError(e) })}>Restore</Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {posts.data?.count === 0 && <Table.Tr><Table.Td colSpan={3}><Text size="sm">No deleted posts.</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4" mb="xs">Pages</Title>
      <ErrorAlert error={pages.error} />
      <Table striped data-testid="trash-pages">
        <Table.Thead><Table.Tr><Table.Th>Title</Table.Th><Table.Th visibleFrom="sm">Slug</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {pages.data?.results.map((p) => (
            <Table.Tr key={p.slug} data-testid={`row-${p.slug}`}>
              <Table.Td>{p.title}</Table.Td>
              <Table.Td visibleFrom="sm">{p.slug}</Table.Td>
              <Table.Td ta="right">
                <Button size="compact-sm" variant="default" aria-label={`Restore ${p.title}`}
                  onClick={() => restorePage.mutate({ slug: p.slug }, { onSuccess: () => notifyDone(`Restored “${p.title}”.`), onError: (e) => notifyError(e) })}>Restore</Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {pages.data?.count === 0 && <Table.Tr><Table.Td colSpan={3}><Text size="sm">No deleted pages.</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </>
  );
}
