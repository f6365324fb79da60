import { Button, Card, Group, NumberInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

import { api, enc, query } from '../api';
import { Feedback } from '../components/Feedback';
import { MessageDrawer } from '../components/MessageDrawer';
import { MessageTable } from '../components/MessageTable';
import type { MessageSummary } from '../types';

type Mode = 'key' | 'time' | 'id' | 'offset';

/** Message search: by key, by store-time range, by message id, or by queue and offset. */
export function MessagesPage({ isAdmin }: { readonly isAdmin: boolean }) {
  const [mode, setMode] = useState<Mode>('key');
  const [topic, setTopic] = useState('');
  const [key, setKey] = useState('');
  const [msgId, setMsgId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [brokerName, setBrokerName] = useState('');
  const [queueId, setQueueId] = useState<number>(0);
  const [offset, setOffset] = useState<number>(0);
  const [found, setFound] = useState<{ items: MessageSummary[]; truncated: boolean } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<{ msgId: string; topic: string } | undefined>(undefined);
  const search = (): void => {
    setError(undefined);
    setFound(undefined);
    if (mode === 'id') {
      setOpen({ msgId, topic });
      return;
    }
    const params =
      mode === 'key'
        ? { key }
        : mode === 'time'
          ? { begin: from === '' ? undefined : Date.parse(from), end: to === '' ? undefined : Date.parse(to), limit: 100 }
          : { brokerName, queueId, offset };
    api<{ items: MessageSummary[]; truncated: boolean }>('GET', `/topics/${enc(topic)}/messages${query(params)}`).then(
      setFound,
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return (
    <Stack>
      <Title order={2}>Messages</Title>
      <Card withBorder>
        <Stack>
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            data={[
              { value: 'key', label: 'By key' },
              { value: 'time', label: 'By time' },
              { value: 'id', label: 'By id' },
              { value: 'offset', label: 'By offset' },
            ]}
          />
          <Group align="end">
            <TextInput label="Topic" value={topic} onChange={(event) => setTopic(event.currentTarget.value)} />
            {mode === 'key' && <TextInput label="Key" value={key} onChange={(event) => setKey(event.currentTarget.value)} />}
            {mode === 'id' && (
              <TextInput label="Message id" value={msgId} onChange={(event) => setMsgId(event.currentTarget.value)} w={340} />
            )}
            {mode === 'time' && (
              <>
                <TextInput
                  label="From"
                  placeholder="2026-01-01T00:00"
                  value={from}
                  onChange={(event) => setFrom(event.currentTarget.value)}
                />
                <TextInput label="To" placeholder="2026-01-02T00:00" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
              </>
            )}
            {mode === 'offset' && (
              <>
                <TextInput label="Broker" value={brokerName} onChange={(event) => setBrokerName(event.currentTarget.value)} />
                <NumberInput label="Queue" min={0} value={queueId} onChange={(value) => setQueueId(Number(value))} w={90} />
                <NumberInput label="Offset" min={0} value={offset} onChange={(value) => setOffset(Number(value))} w={120} />
              </>
            )}
            <Button onClick={search} disabled={mode !== 'id' && topic === ''}>
              Search
            </Button>
          </Group>
        </Stack>
      </Card>
      <Feedback error={error}>
        {found !== undefined && (
          <>
            <Text size="sm">
              {found.items.length} found{found.truncated ? ' (more exist: narrow the search)' : ''}
            </Text>
            <MessageTable items={found.items} onOpen={(message) => setOpen({ msgId: message.msgId, topic: message.topic })} />
          </>
        )}
      </Feedback>
      {open !== undefined && <MessageDrawer msgId={open.msgId} topic={open.topic} isAdmin={isAdmin} onClose={() => setOpen(undefined)} />}
    </Stack>
  );
}
