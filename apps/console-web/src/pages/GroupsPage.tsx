import { Anchor, Button, Card, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

import { api, query } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert } from '../components/Feedback';
import { Pager } from '../components/Pager';
import { go, useLoad } from '../hooks';
import type { GroupRow, Page } from '../types';

const PAGE = 20;

export function GroupsPage({ isAdmin }: { readonly isAdmin: boolean }) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const groups = useLoad(() => api<Page<GroupRow>>('GET', `/consumer-groups${query({ q, limit: PAGE, offset })}`), [q, offset], 5000);
  const [name, setName] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const create = (): void =>
    void attempt(async () => {
      await api('POST', '/consumer-groups', { group: name });
      groups.reload();
      return `Group ${name} created`;
    }, setOutcome);
  return (
    <Stack>
      <Title order={2}>Consumer groups</Title>
      {isAdmin && (
        <Card withBorder>
          <Group align="end">
            <TextInput label="New group" value={name} onChange={(event) => setName(event.currentTarget.value)} />
            <Button onClick={create} disabled={name === ''}>
              Create group
            </Button>
          </Group>
          <OutcomeAlert outcome={outcome} />
        </Card>
      )}
      <TextInput
        placeholder="Search groups"
        aria-label="Search groups"
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          setOffset(0);
        }}
      />
      <Feedback error={groups.error} loading={groups.loading && groups.data === undefined}>
        <Table striped highlightOnHover aria-label="consumer groups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Lag</Table.Th>
              <Table.Th>Consume TPS</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.data?.items.map((row) => (
              <Table.Tr key={row.group}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => go('groups', row.group)}>
                    {row.group}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.lag ?? '-'}</Table.Td>
                <Table.Td>{row.consumeTps?.toFixed(1) ?? '-'}</Table.Td>
                <Table.Td>{row.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Pager offset={offset} limit={PAGE} total={groups.data?.total ?? 0} onOffset={setOffset} />
      </Feedback>
    </Stack>
  );
}
