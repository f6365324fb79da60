import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

import { api, enc, query } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert } from '../components/Feedback';
import { MessageDrawer } from '../components/MessageDrawer';
import { MessageTable } from '../components/MessageTable';
import { Pager } from '../components/Pager';
import { go, useLoad } from '../hooks';
import type { MessageSummary, Page } from '../types';

const PAGE = 20;

/** A group's dead letters; admins resend the selected ones to the group, with one outcome each. */
export function DlqPage({ group, isAdmin }: { readonly group: string | undefined; readonly isAdmin: boolean }) {
  const [name, setName] = useState(group ?? '');
  return (
    <Stack>
      <Title order={2}>Dead letters</Title>
      <Group align="end">
        <TextInput label="Consumer group" value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <Button onClick={() => go('dlq', name)} disabled={name === ''}>
          Show
        </Button>
      </Group>
      {group !== undefined && <DlqOfGroup key={group} group={group} isAdmin={isAdmin} />}
    </Stack>
  );
}

function DlqOfGroup({ group, isAdmin }: { readonly group: string; readonly isAdmin: boolean }) {
  const [offset, setOffset] = useState(0);
  const messages = useLoad(
    () => api<Page<MessageSummary>>('GET', `/consumer-groups/${enc(group)}/dlq/messages${query({ limit: PAGE, offset })}`),
    [group, offset],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [results, setResults] = useState<Array<{ msgId: string; ok: boolean; error?: string }>>([]);
  const toggle = (msgId: string): void => {
    const next = new Set(selected);
    if (next.has(msgId)) next.delete(msgId);
    else next.add(msgId);
    setSelected(next);
  };
  const resend = (): void =>
    void attempt(async () => {
      const answer = await api<{ results: Array<{ msgId: string; ok: boolean; error?: string }> }>(
        'POST',
        `/consumer-groups/${enc(group)}/dlq/resends`,
        { msgIds: [...selected] },
      );
      setResults(answer.results);
      setSelected(new Set());
      const failed = answer.results.filter((result) => !result.ok).length;
      return `${answer.results.length - failed} resent to ${group}${failed > 0 ? `, ${failed} failed` : ''}`;
    }, setOutcome);
  return (
    <Card withBorder>
      <Feedback error={messages.error} loading={messages.loading && messages.data === undefined}>
        <Text size="sm">{messages.data?.total ?? 0} dead letters</Text>
        {isAdmin && (
          <Button my="sm" onClick={resend} disabled={selected.size === 0}>
            Resend selected ({selected.size})
          </Button>
        )}
        <OutcomeAlert outcome={outcome} />
        {results.some((result) => !result.ok) && (
          <Table>
            <Table.Tbody>
              {results
                .filter((result) => !result.ok)
                .map((result) => (
                  <Table.Tr key={result.msgId}>
                    <Table.Td>{result.msgId}</Table.Td>
                    <Table.Td>{result.error}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
        <MessageTable
          items={messages.data?.items ?? []}
          onOpen={(message) => setOpen(message.msgId)}
          selected={selected}
          onToggle={isAdmin ? toggle : undefined}
        />
        <Pager offset={offset} limit={PAGE} total={messages.data?.total ?? 0} onOffset={setOffset} />
      </Feedback>
      {open !== undefined && <MessageDrawer msgId={open} topic={`%DLQ%${group}`} isAdmin={false} onClose={() => setOpen(undefined)} />}
    </Card>
  );
}
