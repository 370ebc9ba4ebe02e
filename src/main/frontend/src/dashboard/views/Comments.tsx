/**
 * Comment moderation: the queue of pending comments first (`/dashboard/comments`), approved ones
 * and all a click away; approve, unapprove and delete one comment or every selected one.
 */
import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { Comment } from '../../api/client';
import { useComments, useDeleteComment, useUpdateComment } from '../../api/hooks';
import type { ListSearch } from '../router';
import { ErrorAlert, notifyDone, notifyError, Pager, useConfirm, when } from '../ui';

const QUEUES = { pending: 'false', approved: 'true', all: undefined } as const;
type Queue = keyof typeof QUEUES;

/** A comment's sanitized HTML as plain text, for the table. */
const textOf = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';

export function CommentsView() {
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const queue = (search.status as Queue) in QUEUES ? (search.status as Queue) : 'pending';
  const page = search.page ?? 1;
  const pageSize = search.page_size ?? 25;
  const comments = useComments({ is_approved: QUEUES[queue], page, page_size: pageSize, ordering: '-created_at' } as never);
  const update = useUpdateComment();
  const remove = useDeleteComment();
  const confirm = useConfirm();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const rows = useMemo(() => comments.data?.results ?? [], [comments.data]);
  const chosen = rows.filter((c) => selected.has(c.id));
  const go = (patch: Partial<ListSearch>) => {
    setSelected(new Set());
    void navigate({ to: '.', search: (prev: ListSearch) => ({ ...prev, page: undefined, ...patch }) });
  };

  const approve = async (list: Comment[], is_approved: boolean) => {
    const results = await Promise.allSettled(list.map((c) => update.mutateAsync({ id: c.id, patch: { is_approved }, ifMatch: String(c.version) })));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) notifyError(failed.reason, 'save');
    else notifyDone(`${is_approved ? 'Approved' : 'Unapproved'} ${list.length} comment${list.length === 1 ? '' : 's'}.`);
    setSelected(new Set());
  };
  const del = async (list: Comment[]) => {
    const n = list.length;
    if (!(await confirm({ title: `Delete ${n === 1 ? 'comment' : `${n} comments`}?`, message: 'Deleted comments disappear from their posts.', confirm: 'Delete', danger: true }))) return;
    const results = await Promise.allSettled(list.map((c) => remove.mutateAsync({ id: c.id, ifMatch: String(c.version) })));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) notifyError(failed.reason, 'delete');
    else notifyDone(`Deleted ${n} comment${n === 1 ? '' : 's'}.`);
    setSelected(new Set());
  };
  const toggle = (id: number) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const all = rows.length > 0 && chosen.length === rows.length;

  return (
    <>
      <Title order={2} mb="sm">Comments</Title>
      <Group mb="sm" justify="space-between">
        <SegmentedControl value={queue} onChange={(v) => go({ status: v === 'pending' ? undefined : v })} data-testid="queue"
          data={[{ value: 'pending', label: 'Pending' }, { value: 'approved', label: 'Approved' }, { value: 'all', label: 'All' }]} aria-label="Which comments" />
        <Group gap="xs" data-testid="bulk">
          <Text size="sm">{chosen.length} selected</Text>
          <Button size="compact-sm" disabled={!chosen.length} onClick={() => void approve(chosen, true)} data-testid="bulk-approve">Approve</Button>
          <Button size="compact-sm" variant="default" disabled={!chosen.length} onClick={() => void approve(chosen, false)}>Unapprove</Button>
          <Button size="compact-sm" variant="outline" color="#a51d1d" disabled={!chosen.length} onClick={() => void del(chosen)} data-testid="bulk-delete">Delete</Button>
        </Group>
      </Group>
      <ErrorAlert error={comments.error} />
      <Table.ScrollContainer minWidth={0}>
        <Table striped data-testid="comments-list" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}><Checkbox aria-label="Select all" checked={all} indeterminate={!all && chosen.length > 0}
                onChange={() => setSelected(all ? new Set() : new Set(rows.map((c) => c.id)))} /></Table.Th>
              <Table.Th>Comment</Table.Th>
              <Table.Th visibleFrom="sm">Author</Table.Th>
              <Table.Th visibleFrom="sm">Post</Table.Th>
              <Table.Th visibleFrom="md">Written</Table.Th>
              <Table.Th visibleFrom="xs">Status</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} data-testid={`comment-${c.id}`}>
                <Table.Td><Checkbox aria-label={`Select comment ${c.id}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} /></Table.Td>
                <Table.Td maw={420}><Text size="sm" lineClamp={3}>{textOf(c.body)}</Text></Table.Td>
                <Table.Td visibleFrom="sm">{c.author?.username}</Table.Td>
                <Table.Td visibleFrom="sm"><Anchor size="sm" renderRoot={(props) => <Link {...props} to="/posts/$id" params={{ id: String(c.post) }} />}>#{c.post}</Anchor></Table.Td>
                <Table.Td visibleFrom="md">{when(c.created_at)}</Table.Td>
                <Table.Td visibleFrom="xs"><Badge variant="outline" color={c.is_approved ? '#1e6b30' : '#8a4b00'}>{c.is_approved ? 'approved' : 'pending'}</Badge></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {c.is_approved
                      ? <Button size="compact-sm" variant="default" onClick={() => void approve([c], false)}>Unapprove</Button>
                      : <Button size="compact-sm" onClick={() => void approve([c], true)} data-testid="approve">Approve</Button>}
                    <Button size="compact-sm" variant="outline" color="#a51d1d" onClick={() => void del([c])} aria-label={`Delete comment ${c.id}`}>Delete</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {comments.data && rows.length === 0 && (
              <Table.Tr><Table.Td colSpan={7}>{queue === 'pending' ? 'Nothing waits for moderation.' : 'No comments.'}</Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {comments.data && (
        <Pager count={comments.data.count} page={page} pageSize={pageSize} noun="comments"
          onPage={(p) => go({ page: p })} onPageSize={(s) => go({ page_size: s })} />
      )}
    </>
  );
}
