/** Categories: create, rename, describe and delete, with how many published posts each holds. */
import { useState, type FormEvent } from 'react';
import { Button, Card, Group, Table, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { Category } from '../../api/client';
import { useCategories, useCreateCategory, useDeleteCategory, useUpdateCategory } from '../../api/hooks';
import type { ListSearch } from '../router';
import { sentence } from '../messages';
import { ErrorAlert, notifyDone, notifyError, Pager, useConfirm } from '../ui';

export function CategoriesView() {
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const page = search.page ?? 1;
  const pageSize = search.page_size ?? 50;
  const categories = useCategories({ page, page_size: pageSize });
  const create = useCreateCategory();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, description } as never, {
      onSuccess: (c) => { notifyDone(`Created category “${c.name}”.`); setName(''); setDescription(''); },
    });
  };
  return (
    <>
      <Title order={2} mb="sm">Categories</Title>
      <Card withBorder mb="md" component="form" onSubmit={add} data-testid="new-category">
        <Group align="flex-end" gap="xs">
          <TextInput label="New category" name="name" required value={name} onChange={(e) => setName(e.currentTarget.value)}
            error={create.error ? sentence(create.error, 'save') : undefined} />
          <TextInput label="Description" name="description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Button type="submit" loading={create.isPending}>Add</Button>
        </Group>
      </Card>
      <ErrorAlert error={categories.error} />
      <Table.ScrollContainer minWidth={0}>
        <Table striped data-testid="categories-list" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th visibleFrom="sm">Slug</Table.Th>
              <Table.Th visibleFrom="md">Description</Table.Th>
              <Table.Th>Posts</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {categories.data?.results.map((c) => <Row key={c.id} category={c} />)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {categories.data && (
        <Pager count={categories.data.count} page={page} pageSize={pageSize} noun="categories"
          onPage={(p) => void navigate({ to: '.', search: (prev: ListSearch) => ({ ...prev, page: p }) })} />
      )}
    </>
  );
}

function Row({ category: c }: { category: Category }) {
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const confirm = useConfirm();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(c.name);
  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: c.id, patch: { name }, ifMatch: String(c.version) }, {
      onSuccess: (saved) => { setEditing(false); notifyDone(`Renamed to “${saved.name}”.`); },
      onError: (err) => notifyError(err, 'save'),
    });
  };
  const del = async () => {
    const posts = c.post_count ? ` Its ${c.post_count} published post${c.post_count === 1 ? '' : 's'} will have no category.` : '';
    if (!(await confirm({ title: 'Delete category?', message: `“${c.name}” will be deleted.${posts}`, confirm: 'Delete', danger: true }))) return;
    remove.mutate({ id: c.id, ifMatch: String(c.version) }, {
      onSuccess: () => notifyDone(`Deleted category “${c.name}”.`),
      onError: (err) => notifyError(err, 'delete'),
    });
  };
  return (
    <Table.Tr data-testid={`category-${c.id}`}>
      <Table.Td>
        {editing ? (
          <form onSubmit={save}>
            <Group gap={4} wrap="nowrap">
              <TextInput aria-label="Name" size="xs" value={name} onChange={(e) => setName(e.currentTarget.value)} autoFocus data-testid="rename-input" />
              <Button size="compact-sm" type="submit" loading={update.isPending} data-testid="rename-save">Save</Button>
              <Button size="compact-sm" variant="default" onClick={() => { setEditing(false); setName(c.name); }}>Cancel</Button>
            </Group>
          </form>
        ) : <span data-testid="name">{c.name}</span>}
      </Table.Td>
      <Table.Td visibleFrom="sm">{c.slug}</Table.Td>
      <Table.Td visibleFrom="md">{c.description}</Table.Td>
      <Table.Td data-testid="post-count">{c.post_count}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {!editing && <Button size="compact-sm" variant="default" onClick={() => setEditing(true)} aria-label={`Rename ${c.name}`} data-testid="rename">Rename</Button>}
          <Button size="compact-sm" variant="outline" color="#a51d1d" onClick={() => void del()} aria-label={`Delete ${c.name}`} data-testid="delete">Delete</Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
