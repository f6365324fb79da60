import { Badge, Button, Card, Group, Progress, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';

import { api, enc } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert, when } from '../components/Feedback';
import { type ChartLine, TimeChart } from '../components/TimeChart';
import { go, useLoad } from '../hooks';
import type { QueueProgress } from '../types';

const REFRESH_MS = 2000;

interface Progress {
  readonly queues: QueueProgress[];
  readonly consumeTps: number;
  readonly diffTotal: number;
}

/** One group: lag per queue (live, with its recent history), members, offset resets. */
export function GroupDetailPage({ group, isAdmin }: { readonly group: string; readonly isAdmin: boolean }) {
  const progress = useLoad(() => api<Progress>('GET', `/consumer-groups/${enc(group)}/progress`), [group], REFRESH_MS);
  const connections = useLoad(
    () =>
      api<{
        consumeType: string;
        messageModel: string;
        connections: Array<{ clientId: string; clientAddr: string; language: string; version: number }>;
      }>('GET', `/consumer-groups/${enc(group)}/connections`),
    [group],
    5000,
  );
  const history = useRef<Array<[number, number]>>([]);
  const lagLine = useMemo<ChartLine[]>(() => {
    if (progress.data !== undefined) history.current = [...history.current.slice(-150), [Date.now(), progress.data.diffTotal]];
    return [{ label: 'total lag', points: history.current }];
  }, [progress.data]);
  const maxDiff = Math.max(1, ...(progress.data?.queues.map((queue) => queue.diff) ?? []));
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const remove = (): void =>
    void attempt(async () => {
      await api('DELETE', `/consumer-groups/${enc(group)}`);
      go('groups');
      return `Group ${group} deleted`;
    }, setOutcome);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Group {group}</Title>
        <Group>
          <Button variant="light" onClick={() => go('dlq', group)}>
            Dead letters
          </Button>
          {isAdmin && (
            <Button color="red" variant="light" onClick={remove}>
              Delete group
            </Button>
          )}
        </Group>
      </Group>
      <OutcomeAlert outcome={outcome} />
      <Feedback error={progress.error}>
        <Group>
          <Badge size="lg" variant="light" aria-label="total lag">
            Lag {progress.data?.diffTotal ?? '-'}
          </Badge>
          <Badge size="lg" variant="light" color="gray">
            Consume TPS {progress.data?.consumeTps.toFixed(1) ?? '-'}
          </Badge>
        </Group>
      </Feedback>
      <Card withBorder>
        <TimeChart title="Total lag (this page's samples)" lines={lagLine} height={180} />
      </Card>
      <Tabs defaultValue="progress">
        <Tabs.List>
          <Tabs.Tab value="progress">Lag per queue</Tabs.Tab>
          <Tabs.Tab value="clients">Clients</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="offsets">Reset offset</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="progress">
          <Table aria-label="lag per queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Topic</Table.Th>
                <Table.Th>Broker</Table.Th>
                <Table.Th>Queue</Table.Th>
                <Table.Th>Broker offset</Table.Th>
                <Table.Th>Consumer offset</Table.Th>
                <Table.Th>Lag</Table.Th>
                <Table.Th w={160} />
                <Table.Th>Last consumed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {progress.data?.queues.map((queue) => (
                <Table.Tr key={`${queue.queue.topic}/${queue.queue.brokerName}/${queue.queue.queueId}`}>
                  <Table.Td>{queue.queue.topic}</Table.Td>
                  <Table.Td>{queue.queue.brokerName}</Table.Td>
                  <Table.Td>{queue.queue.queueId}</Table.Td>
                  <Table.Td>{queue.brokerOffset}</Table.Td>
                  <Table.Td>{queue.consumerOffset}</Table.Td>
                  <Table.Td>{queue.diff}</Table.Td>
                  <Table.Td>
                    <Progress value={(queue.diff / maxDiff) * 100} color={queue.diff > 0 ? 'orange' : 'green'} />
                  </Table.Td>
                  <Table.Td>{when(queue.lastTimestamp)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="clients">
          <Feedback error={connections.error}>
            <Text size="sm">
              {connections.data?.consumeType} {connections.data?.messageModel}
            </Text>
            <Table>
              <Table.Tbody>
                {connections.data?.connections.map((client) => (
                  <Table.Tr key={client.clientId}>
                    <Table.Td>{client.clientId}</Table.Td>
                    <Table.Td>{client.clientAddr}</Table.Td>
                    <Table.Td>{client.language}</Table.Td>
                    <Table.Td>version {client.version}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Feedback>
        </Tabs.Panel>
        <Tabs.Panel value="offsets">
          <ResetOffset group={group} onDone={progress.reload} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ResetOffset({ group, onDone }: { readonly group: string; readonly onDone: () => void }) {
  const [topic, setTopic] = useState('');
  const [time, setTime] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const reset = (body: object, what: string): void =>
    void attempt(async () => {
      const result = await api<{ queues: unknown[] }>('POST', `/consumer-groups/${enc(group)}/${what}`, body);
      onDone();
      return `${result.queues.length} queues moved`;
    }, setOutcome);
  return (
    <Card withBorder mt="sm">
      <Group align="end">
        <TextInput label="Topic" value={topic} onChange={(event) => setTopic(event.currentTarget.value)} />
        <TextInput label="Time" placeholder="2026-01-01T00:00:00" value={time} onChange={(event) => setTime(event.currentTarget.value)} />
        <Button
          disabled={topic === '' || Number.isNaN(Date.parse(time))}
          onClick={() => reset({ topic, timestamp: Date.parse(time) }, 'offset-resets')}
        >
          Reset to time
        </Button>
        <Button variant="light" disabled={topic === ''} onClick={() => reset({ topic }, 'skip-accumulated')}>
          Skip accumulated
        </Button>
      </Group>
      <OutcomeAlert outcome={outcome} />
    </Card>
  );
}
