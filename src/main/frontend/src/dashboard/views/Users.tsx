/** Users (staff only): list, create, deactivate and reactivate, make or unmake staff, set a password. */
import { useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, Modal, PasswordInput, Stack, Switch, Table, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { User } from '../../api/client';
import { useCreateUser, useMe, useUpdateUser, useUsers } from '../../api/hooks';
import type { ListSearch } from '../router';
import { sentence } from '../messages';
import { ErrorAlert, notifyDone, notifyError, Pager, useConfirm } from '../ui';

export function UsersView() {
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const page = search.page ?? 1;
  const pageSize = search.page_size ?? 50;
  const users = useUsers({ page, page_size: pageSize });
  const [creating, setCreating] = useState(false);
  const [passwordFor, setPasswordFor] = useState<User | null>(null);
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2}>Users</Title>
        <Button onClick={() => setCreating(true)} data-testid="new-user">New user</Button>
      </Group>
      <ErrorAlert error={users.error} />
      <Table.ScrollContainer minWidth={0}>
        <Table striped data-testid="users-list" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Username</Table.Th>
              <Table.Th visibleFrom="sm">Email</Table.Th>
              <Table.Th>Active</Table.Th>
              <Table.Th>Staff</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.results.map((u) => <Row key={u.id} user={u} onPassword={() => setPasswordFor(u)} />)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {users.data && (
        <Pager count={users.data.count} page={page} pageSize={pageSize} noun="users"
          onPage={(p) => void navigate({ to: '.', search: (prev: ListSearch) => ({ ...prev, page: p }) })} />
      )}
      <CreateUser opened={creating} onClose={() => setCreating(false)}
        onCreated={() => {
          // Users are listed oldest first: the new one is on the last page, which is where staff
          // want to see it (with hundreds of users it would otherwise stay out of sight).
          const last = Math.max(1, Math.ceil(((users.data?.count ?? 0) + 1) / pageSize));
          void navigate({ to: '.', search: (prev: ListSearch) => ({ ...prev, page: last }) });
        }} />
      <SetPassword user={passwordFor} onClose={() => setPasswordFor(null)} />
    </>
  );
}

function Row({ user: u, onPassword }: { user: User; onPassword: () => void }) {
  const me = useMe().data;
  const update = useUpdateUser();
  const confirm = useConfirm();
  const self = me?.id === u.id;
  const change = async (patch: { is_active?: boolean; is_staff?: boolean }, done: string) => {
    if (patch.is_active === false && !(await confirm({ title: 'Deactivate user?', message: `${u.username} will be signed out and cannot sign in until reactivated.`, confirm: 'Deactivate', danger: true }))) return;
    update.mutate({ id: u.id, patch }, { onSuccess: () => notifyDone(done), onError: (e) => notifyError(e, 'save') });
  };
  return (
    <Table.Tr data-testid={`user-${u.username}`}>
      <Table.Td>{u.username}{self && <Badge ml="xs" variant="outline" color="#343a40">you</Badge>}</Table.Td>
      <Table.Td visibleFrom="sm">{u.email}</Table.Td>
      <Table.Td>
        <Switch aria-label={`${u.username} active`} checked={u.is_active} disabled={self} data-testid="active"
          onChange={(e) => void change({ is_active: e.currentTarget.checked }, `${u.username} is ${e.currentTarget.checked ? 'active again' : 'deactivated'}.`)} />
      </Table.Td>
      <Table.Td>
        <Switch aria-label={`${u.username} staff`} checked={u.is_staff} disabled={self} data-testid="staff"
          onChange={(e) => void change({ is_staff: e.currentTarget.checked }, `${u.username} is ${e.currentTarget.checked ? 'now staff' : 'no longer staff'}.`)} />
      </Table.Td>
      <Table.Td><Group justify="flex-end"><Button size="compact-sm" variant="default" onClick={onPassword} data-testid="set-password" aria-label={`Set password for ${u.username}`}>Password</Button></Group></Table.Td>
    </Table.Tr>
  );
}

function CreateUser({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const create = useCreateUser();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    create.mutate({
      username: String(f.get('username')),
      email: String(f.get('email') ?? ''),
      password: String(f.get('password')),
      is_staff: f.get('is_staff') === 'on',
    } as never, { onSuccess: (u) => { notifyDone(`Created user ${u.username}.`); create.reset(); onClose(); onCreated(); } });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="New user" centered>
      <form onSubmit={submit} data-testid="create-user">
        <Stack>
          {create.error && <div role="alert"><ErrorAlert error={create.error} doing="save" /></div>}
          <TextInput name="username" label="Username" required autoComplete="off" />
          <TextInput name="email" label="Email" type="email" autoComplete="off" />
          <PasswordInput name="password" label="Password" description="At least 10 characters" required autoComplete="new-password" />
          <Checkbox name="is_staff" label="Staff (may manage everything, users included)" />
          <Group justify="flex-end"><Button type="submit" loading={create.isPending}>Create</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SetPassword({ user, onClose }: { user: User | null; onClose: () => void }) {
  const update = useUpdateUser();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password'));
    update.mutate({ id: user!.id, patch: { password } }, {
      onSuccess: () => { notifyDone(`New password set for ${user!.username}; their other sessions have ended.`); update.reset(); onClose(); },
    });
  };
  return (
    <Modal opened={!!user} onClose={() => { update.reset(); onClose(); }} title={`Set password for ${user?.username ?? ''}`} centered>
      <form onSubmit={submit} data-testid="password-form">
        <Stack>
          {update.error && <div role="alert">{sentence(update.error, 'save')}</div>}
          <PasswordInput name="password" label="New password" description="At least 10 characters" required autoComplete="new-password" />
          <Group justify="flex-end"><Button type="submit" loading={update.isPending}>Set password</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}
