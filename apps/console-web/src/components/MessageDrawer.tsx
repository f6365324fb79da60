import { Button, Code, Drawer, Group, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { api, enc, query } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert, when } from './Feedback';
import { useLoad } from '../hooks';
import type { MessageDetail } from '../types';

/** One message: properties, body as text, JSON or hex; admins can resend it to one group. */
export function MessageDrawer({
  msgId,
  topic,
  isAdmin,
  onClose,
}: {
  readonly msgId: string;
  readonly topic: string;
  readonly isAdmin: boolean;
  readonly onClose: () => void;
}) {
  const detail = useLoad(() => api<MessageDetail>('GET', `/messages/${enc(msgId)}${query({ topic })}`), [msgId, topic]);
  const [group, setGroup] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const resend = (): void =>
    void attempt(async () => {
      const result = await api<{ resentMsgId: string }>('POST', `/messages/${enc(msgId)}/resend`, { topic, group });
      return `Resent to ${group} as ${result.resentMsgId}`;
    }, setOutcome);
  const message = detail.data;
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={`Message ${msgId}`}>
      <Feedback error={detail.error} loading={detail.loading}>
        {message !== undefined && (
          <Stack>
            <Text size="sm">
              {message.topic} {message.brokerName}/{message.queueId}@{message.queueOffset}, stored {when(message.storeTimestamp)} by{' '}
              {message.storeHost}, born at {message.bornHost}, reconsumed {message.reconsumeTimes}×
            </Text>
            <Tabs defaultValue={message.body.json !== undefined ? 'json' : message.body.text !== undefined ? 'text' : 'hex'}>
              <Tabs.List>
                {message.body.text !== undefined && <Tabs.Tab value="text">Text</Tabs.Tab>}
                {message.body.json !== undefined && <Tabs.Tab value="json">JSON</Tabs.Tab>}
                <Tabs.Tab value="hex">Hex</Tabs.Tab>
                <Tabs.Tab value="properties">Properties</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="text">
                <Code block aria-label="message body">
                  {message.body.text}
                </Code>
              </Tabs.Panel>
              <Tabs.Panel value="json">
                <Code block>{message.body.json}</Code>
              </Tabs.Panel>
              <Tabs.Panel value="hex">
                <Code block>{message.body.hex}</Code>
              </Tabs.Panel>
              <Tabs.Panel value="properties">
                <Table>
                  <Table.Tbody>
                    {Object.entries(message.properties).map(([key, value]) => (
                      <Table.Tr key={key}>
                        <Table.Td>{key}</Table.Td>
                        <Table.Td>{value}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Tabs.Panel>
            </Tabs>
            {message.body.truncated && <Text size="sm">Body shown in part: {message.body.size} bytes in all.</Text>}
            {isAdmin && (
              <Group align="end">
                <TextInput label="Resend to group" value={group} onChange={(event) => setGroup(event.currentTarget.value)} />
                <Button onClick={resend} disabled={group === ''}>
                  Resend
                </Button>
              </Group>
            )}
            <OutcomeAlert outcome={outcome} />
          </Stack>
        )}
      </Feedback>
    </Drawer>
  );
}
