import { Anchor, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

import { api, query } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert } from '../components/Feedback';
import { Pager } from '../components/Pager';
import { go, useLoad } from '../hooks';
import type { Page } from '../types';

const PAGE = 20;

export function TopicsPage({ isAdmin }: { readonly isAdmin: boolean }) {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('normal');
  const [offset, setOffset] = useState(0);
  const topics = useLoad(
    () => api<Page<{ name: string; kind: string }>>('GET', `/topics${query({ q, kind, limit: PAGE, offset })}`),
    [q, kind, offset],
  );
  return (
    <Stack>
      <Title order={2}>Topics</Title>
      {isAdmin && <CreateTopic onCreated={topics.reload} />}
      <Group>
        <TextInput
          placeholder="Search topics"
          aria-label="Search topics"
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setOffset(0);
          }}
        />
        <SegmentedControl
          value={kind}
          onChange={(value) => {
            setKind(value);
            setOffset(0);
          }}
          data={['all', 'normal', 'retry', 'dlq', 'system']}
        />
      </Group>
      <Feedback error={topics.error} loading={topics.loading && topics.data === undefined}>
        <Table striped highlightOnHover aria-label="topics">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Topic</Table.Th>
              <Table.Th>Kind</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {topics.data?.items.map((topic) => (
              <Table.Tr key={topic.name}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => go('topics', topic.name)}>
                    {topic.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{topic.kind}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Pager offset={offset} limit={PAGE} total={topics.data?.total ?? 0} onOffset={setOffset} />
      </Feedback>
    </Stack>
  );
}

function CreateTopic({ onCreated }: { readonly onCreated: () => void }) {
  const [topic, setTopic] = useState('');
  const [queues, setQueues] = useState<number>(8);
  const [order, setOrder] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const create = (): void =>
    void attempt(async () => {
      const created = await api<{ topic: string; brokers: string[] }>('POST', '/topics', {
        topic,
        readQueueNums: queues,
        writeQueueNums: queues,
        order,
      });
      onCreated();
      return `Topic ${created.topic} created on ${created.brokers.join(', ')}`;
    }, setOutcome);
  return (
    <Card withBorder>
      <Group align="end">
        <TextInput label="New topic" value={topic} onChange={(event) => setTopic(event.currentTarget.value)} />
        <NumberInput label="Queues" min={1} max={1024} value={queues} onChange={(value) => setQueues(Number(value))} w={100} />
        <Checkbox label="Ordered" checked={order} onChange={(event) => setOrder(event.currentTarget.checked)} />
        <Button onClick={create} disabled={topic === ''}>
          Create topic
        </Button>
      </Group>
      <OutcomeAlert outcome={outcome} />
    </Card>
  );
}
