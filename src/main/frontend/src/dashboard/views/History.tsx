/**
 * The history of one post or page (`/dashboard/posts/12/history`, `/dashboard/pages/about/history`):
 * every kept revision, newest first (version, what happened, who, when, which fields), the diff of
 * the selected one against the version before it, and "Revert to this version", which makes that
 * content a new version (asks first; If-Match is the version the list was read at).
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import type { Page, Post, RevisionTarget } from '../../api/client';
import { usePage, usePost, useRevert, useRevisionDiff, useRevisions } from '../../api/hooks';
import { sentence } from '../messages';
import { notifyDone, notifyError, Pager, useConfirm, when } from '../ui';

export function PostHistory() {
  const { id } = useParams({ strict: false }) as { id: string };
  return <History key={`posts:${id}`} target={{ kind: 'posts', id: Number(id) }} />;
}
export function PageHistory() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  return <History key={`pages:${slug}`} target={{ kind: 'pages', id: slug }} />;
}

const PAGE_SIZE = 20;
const show = (v: unknown) => (v === null || v === undefined ? '—' : String(v));

function History({ target }: { target: RevisionTarget }) {
  const navigate = useNavigate();
  const confirm = useConfirm();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number | null>(null);
  const post = usePost(target.kind === 'posts' ? (target.id as number) : null);
  const pageItem = usePage(target.kind === 'pages' ? (target.id as string) : null);
  const item = (target.kind === 'posts' ? post.data : pageItem.data) as Post | Page | undefined;
  const revisions = useRevisions(target, { page, page_size: PAGE_SIZE });
  const shown = selected ?? revisions.data?.results[0]?.version ?? null;
  const diff = useRevisionDiff(target, shown);
  const revert = useRevert(target);
  const noun = target.kind === 'posts' ? 'post' : 'page';
  const editor = target.kind === 'posts' ? '/posts/$id' : '/pages/$slug';
  const params = { id: String(target.id), slug: String(target.id) } as never;

  async function revertTo(version: number) {
    if (!item) return;
    const yes = await confirm({
      title: `Revert to version ${version}?`,
      message: `The ${noun} gets the content of version ${version} as a new version; nothing is lost, the history keeps every version.`,
      confirm: 'Revert',
    });
    if (!yes) return;
    try {
      const saved = await revert.mutateAsync({ version, ifMatch: String(item.version) });
      notifyDone(`Reverted to version ${version}: now version ${saved.version}.`);
      setSelected(null);
      setPage(1);
      if (saved.slug !== item.slug && target.kind === 'pages')
        await navigate({ to: '/pages/$slug/history', params: { slug: saved.slug } as never, replace: true });
    } catch (e) {
      notifyError(e, 'save');
    }
  }

  if (revisions.isError) {
    return <Alert color="red" role="alert">{sentence(revisions.error, 'load')} <Anchor renderRoot={(p) => <Link {...p} to={editor} params={params} />}>Back to the editor</Anchor></Alert>;
  }
  if (!revisions.data) return <Loader aria-label="Loading" />;
  return (
    <Stack data-testid="history-view">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>History of {noun} {item ? `“${item.title}”` : target.id}{item ? ` (now v${item.version})` : ''}</Title>
        <Button variant="default" renderRoot={(p) => <Link {...p} to={editor} params={params} />}>Back to the editor</Button>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Table.ScrollContainer minWidth={0}>
            <Table highlightOnHover data-testid="revisions">
              <Table.Thead>
                <Table.Tr><Table.Th>Version</Table.Th><Table.Th>What</Table.Th><Table.Th>Who</Table.Th><Table.Th>When</Table.Th><Table.Th>Fields</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {revisions.data.results.map((r) => (
                  <Table.Tr key={r.version} data-testid={`revision-${r.version}`} data-selected={r.version === shown || undefined} fw={r.version === shown ? 700 : undefined}
                    onClick={() => setSelected(r.version)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setSelected(r.version)}>v{r.version}</Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{r.action}</Badge>
                      {r.base_version != null && <Text size="xs">merged onto v{r.base_version}’s edit</Text>}
                    </Table.Td>
                    <Table.Td>{r.author?.username ?? '—'}</Table.Td>
                    <Table.Td>{when(r.created_at)}</Table.Td>
                    <Table.Td>{r.changed_fields.join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager count={revisions.data.count} page={page} pageSize={PAGE_SIZE} onPage={setPage} noun="revisions" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {shown != null && (
            <Card withBorder data-testid="revision-diff">
              <Group justify="space-between" mb="xs">
                <Text fw={700}>
                  v{shown}{diff.data?.from_version != null ? ` against v${diff.data.from_version}` : ' (the first kept version)'}
                </Text>
                <Button size="xs" onClick={() => void revertTo(shown)} loading={revert.isPending}
                  disabled={!item || shown === item.version} data-testid="revert">Revert to this version</Button>
              </Group>
              {!diff.data ? <Loader size="sm" aria-label="Loading the diff" /> : (
                <Table.ScrollContainer minWidth={0}>
                  <Table>
                    <Table.Thead><Table.Tr><Table.Th>Field</Table.Th><Table.Th>Before</Table.Th><Table.Th>After</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {Object.entries(diff.data.fields).map(([f, c]) => (
                        <Table.Tr key={f} data-testid={`revision-field-${f}`}>
                          <Table.Td fw={600}>{f}</Table.Td>
                          <Table.Td className="theirs" style={{ wordBreak: 'break-word' }}>{show(c.from)}</Table.Td>
                          <Table.Td className="mine" style={{ wordBreak: 'break-word' }}>{show(c.to)}</Table.Td>
                        </Table.Tr>
                      ))}
                      {Object.keys(diff.data.fields).length === 0 && (
                        <Table.Tr><Table.Td colSpan={3}>No content changed in this version.</Table.Td></Table.Tr>
                      )}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
