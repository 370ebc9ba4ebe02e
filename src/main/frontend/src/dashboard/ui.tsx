/** Pieces every view shares: confirmation dialogs, sortable headers, the pager, dates, notices. */
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Pagination, Select, Table, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { headlineParts } from './headline';
import { sentence, type Doing } from './messages';

// ---- confirm -------------------------------------------------------------------------------------------

interface Ask {
  title: string;
  message: ReactNode;
  confirm: string;
  danger?: boolean;
}
const ConfirmContext = createContext<(ask: Ask) => Promise<boolean>>(async () => false);

/** `const confirm = useConfirm(); if (await confirm({...})) ...`: a modal that answers yes or no. */
export const useConfirm = () => useContext(ConfirmContext);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [ask, setAsk] = useState<Ask | null>(null);
  const resolver = useRef<(yes: boolean) => void>(() => {});
  const confirm = useCallback((a: Ask) => new Promise<boolean>((resolve) => {
    resolver.current = resolve;
    setAsk(a);
  }), []);
  const answer = (yes: boolean) => {
    resolver.current(yes);
    setAsk(null);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <Modal opened={!!ask} onClose={() => answer(false)} title={ask?.title} centered>
        <Text mb="md">{ask?.message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(false)}>Cancel</Button>
          <Button color={ask?.danger ? 'red' : undefined} onClick={() => answer(true)} data-testid="confirm" data-autofocus>
            {ask?.confirm}
          </Button>
        </Group>
      </Modal>
    </ConfirmContext.Provider>
  );
}

const CLOSE = { 'aria-label': 'Close notice' };

// ---- notices -------------------------------------------------------------------------------------------

export function notifyError(error: unknown, doing: Doing = 'other') {
  notifications.show({ closeButtonProps: CLOSE, color: 'red', title: 'Not done', message: sentence(error, doing), autoClose: 8000 });
}

export function notifyDone(message: string) {
  notifications.show({ closeButtonProps: CLOSE, color: 'green', message, autoClose: 3000 });
}

/** A "deleted" notice with an Undo button (restore), open long enough to change one's mind. */
export function notifyUndo(message: string, undo: () => void) {
  const id = notifications.show({
    closeButtonProps: CLOSE,
    color: 'blue',
    autoClose: 10_000,
    message: (
      <Group justify="space-between" wrap="nowrap">
        <span>{message}</span>
        <Button size="compact-sm" variant="outline" data-testid="undo" onClick={() => { notifications.hide(id); undo(); }}>Undo</Button>
      </Group>
    ),
  });
}

export function ErrorAlert({ error, doing = 'load' }: { error: unknown; doing?: Doing }) {
  if (!error) return null;
  return <Alert color="red" role="alert" mb="sm">{sentence(error, doing)}</Alert>;
}

// ---- tables --------------------------------------------------------------------------------------------

/** A column header that sorts by `field` (ascending, then descending) through `ordering`. */
export function SortTh({ field, label, ordering, onSort, ...rest }: {
  field: string;
  label: string;
  ordering: string;
  onSort: (ordering: string) => void;
} & React.ComponentProps<typeof Table.Th>) {
  const current = ordering.split(',')[0];
  const dir = current === field ? 'ascending' : current === `-${field}` ? 'descending' : 'none';
  return (
    <Table.Th aria-sort={dir} {...rest}>
      <UnstyledButton onClick={() => onSort(dir === 'descending' ? field : `-${field}`)} fw={600} fz="sm">
        {label}{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

export function Pager({ count, page, pageSize, onPage, onPageSize, noun }: {
  count: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  noun: string;
}) {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  return (
    <Group justify="space-between" mt="sm" gap="xs">
      <Text size="sm" data-testid="count">{count} {noun}{pages > 1 ? ` · page ${page} of ${pages}` : ''}</Text>
      <Group gap="xs">
        {onPageSize && (
          <Select
            aria-label="Rows per page"
            w={90}
            size="xs"
            data={['25', '50', '100']}
            value={String(pageSize)}
            onChange={(v) => v && onPageSize(Number(v))}
            allowDeselect={false}
          />
        )}
        {pages > 1 && (
          <Pagination total={pages} value={page} onChange={onPage} size="sm" siblings={0}
            getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Previous page' : c === 'next' ? 'Next page' : c })}
            getItemProps={(p) => ({ 'aria-label': `Page ${p}` })} data-testid="pager" />
        )}
      </Group>
    </Group>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const when = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(iso)) : '—');

/** A search result's headline under its title, the matches marked. */
export function Highlight({ headline }: { headline: string }) {
  return (
    <Text size="xs" c="dimmed" data-testid="headline" lineClamp={2}>
      {headlineParts(headline).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </Text>
  );
}
