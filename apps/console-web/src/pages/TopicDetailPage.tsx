import { Anchor, Button, Card, Group, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

import { api, enc } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert, when } from '../components/Feedback';
import { go, useLoad } from '../hooks';

interface TopicStatus {
  readonly queues: Array<{
    queue: { brokerName: string; queueId: number };
    minOffset: number;
    maxOffset: number;
    lastUpdateTimestamp: number;
  }>;
  readonly topicPutTps: number;
}

export function TopicDetailPage({ topic, isAdmin }: { readonly topic: string; readonly isAdmin: boolean }) {
  const status = useLoad(() => api<TopicStatus>('GET', `/topics/${enc(topic)}/status`), [topic], 5000);
  const route = useLoad(
    () =>
      api<{
        brokerDatas: Array<{ brokerName: string; brokerAddrs: Record<string, string> }>;
        queueDatas: Array<{ brokerName: string; readQueueNums: number; writeQueueNums: number; perm: number }>;
      }>('GET', `/topics/${enc(topic)}/route`),
    [topic],
  );
  const consumers = useLoad(
    () => api<{ items: Array<{ group: string; lag?: number; error?: string }> }>('GET', `/topics/${enc(topic)}/consumer-groups`),
    [topic],
    5000,
  );
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const remove = (): void =>
    void attempt(async () => {
      await api('DELETE', `/topics/${enc(topic)}`);
      go('topics');
      return `Topic ${topic} deleted`;
    }, setOutcome);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Topic {topic}</Title>
        {isAdmin && (
          <Button color="red" variant="light" onClick={remove}>
            Delete topic
          </Button>
        )}
      </Group>
      <OutcomeAlert outcome={outcome} />
      <Tabs defaultValue="status">
        <Tabs.List>
          <Tabs.Tab value="status">Status</Tabs.Tab>
          <Tabs.Tab value="route">Route</Tabs.Tab>
          <Tabs.Tab value="consumers">Consumers</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="send">Send message</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="status">
          <Feedback error={status.error}>
            <Text size="sm">Put TPS {status.data?.topicPutTps.toFixed(1) ?? '-'}</Text>
            <Table aria-label="queues">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Broker</Table.Th>
                  <Table.Th>Queue</Table.Th>
                  <Table.Th>Min offset</Table.Th>
                  <Table.Th>Max offset</Table.Th>
                  <Table.Th>Last update</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.data?.queues.map((queue) => (
                  <Table.Tr key={`${queue.queue.brokerName}/${queue.queue.queueId}`}>
                    <Table.Td>{queue.queue.brokerName}</Table.Td>
                    <Table.Td>{queue.queue.queueId}</Table.Td>
                    <Table.Td>{queue.minOffset}</Table.Td>
                    <Table.Td>{queue.maxOffset}</Table.Td>
                    <Table.Td>{when(queue.lastUpdateTimestamp)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Feedback>
        </Tabs.Panel>
        <Tabs.Panel value="route">
          <Feedback error={route.error}>
            <Table>
              <Table.Tbody>
                {route.data?.queueDatas.map((data) => (
                  <Table.Tr key={data.brokerName}>
                    <Table.Td>{data.brokerName}</Table.Td>
                    <Table.Td>
                      {Object.values(
                        route.data?.brokerDatas.find((broker) => broker.brokerName === data.brokerName)?.brokerAddrs ?? {},
                      ).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      read {data.readQueueNums} / write {data.writeQueueNums}, perm {data.perm}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Feedback>
        </Tabs.Panel>
        <Tabs.Panel value="consumers">
          <Feedback error={consumers.error}>
            <Table>
              <Table.Tbody>
                {consumers.data?.items.map((item) => (
                  <Table.Tr key={item.group}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => go('groups', item.group)}>
                        {item.group}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{item.lag !== undefined ? `lag ${item.lag}` : item.error}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Feedback>
        </Tabs.Panel>
        <Tabs.Panel value="send">
          <SendMessage topic={topic} onSent={status.reload} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function SendMessage({ topic, onSent }: { readonly topic: string; readonly onSent: () => void }) {
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [keys, setKeys] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const send = (): void =>
    void attempt(async () => {
      const keyList = keys.split(/\s+/).filter((key) => key !== '');
      const result = await api<{ msgId: string; sendStatus: string; brokerName: string; queueId: number }>(
        'POST',
        `/topics/${enc(topic)}/messages`,
        {
          body,
          ...(tags === '' ? {} : { tags }),
          ...(keyList.length === 0 ? {} : { keys: keyList }),
        },
      );
      onSent();
      return `${result.sendStatus}: message ${result.msgId} on ${result.brokerName} queue ${result.queueId}`;
    }, setOutcome);
  return (
    <Card withBorder mt="sm">
      <Stack>
        <Group>
          <TextInput label="Tag" value={tags} onChange={(event) => setTags(event.currentTarget.value)} />
          <TextInput label="Keys" description="separated by spaces" value={keys} onChange={(event) => setKeys(event.currentTarget.value)} />
        </Group>
        <Textarea label="Body" autosize minRows={3} value={body} onChange={(event) => setBody(event.currentTarget.value)} />
        <Button onClick={send} disabled={body === ''}>
          Send
        </Button>
        <OutcomeAlert outcome={outcome} />
      </Stack>
    </Card>
  );
}
