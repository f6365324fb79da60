import { Button, Code, Group, Stack, Table, Tabs, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

import { api, enc } from '../api';
import { attempt, Feedback, type Outcome, OutcomeAlert } from '../components/Feedback';
import { useLoad } from '../hooks';
import type { BrokerRow } from '../types';

/** Clusters and brokers; a selected broker shows its runtime figures and config (admins may change a key). */
export function ClusterPage({ isAdmin }: { readonly isAdmin: boolean }) {
  const clusters = useLoad(() => api<{ clusters: Array<{ name: string; brokers: BrokerRow[] }> }>('GET', '/clusters'), [], 5000);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  return (
    <Stack>
      <Title order={2}>Cluster</Title>
      <Feedback error={clusters.error} loading={clusters.loading && clusters.data === undefined}>
        {clusters.data?.clusters.map((cluster) => (
          <Stack key={cluster.name} gap="xs">
            <Title order={4}>{cluster.name}</Title>
            <Table striped highlightOnHover aria-label={`brokers of ${cluster.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Broker</Table.Th>
                  <Table.Th>Id</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Put TPS</Table.Th>
                  <Table.Th>Get TPS</Table.Th>
                  <Table.Th>Disk</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cluster.brokers.map((broker) => (
                  <Table.Tr key={broker.addr}>
                    <Table.Td>{broker.brokerName}</Table.Td>
                    <Table.Td>{broker.brokerId === 0 ? 'master' : `slave ${broker.brokerId}`}</Table.Td>
                    <Table.Td>{broker.addr}</Table.Td>
                    <Table.Td>{broker.error ?? broker.version}</Table.Td>
                    <Table.Td>{broker.inTps.toFixed(1)}</Table.Td>
                    <Table.Td>{broker.outTps.toFixed(1)}</Table.Td>
                    <Table.Td>{(broker.diskRatio * 100).toFixed(0)}%</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setSelected(broker.addr)}>
                        Details
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Feedback>
      {selected !== undefined && <BrokerDetail addr={selected} isAdmin={isAdmin} />}
    </Stack>
  );
}

function BrokerDetail({ addr, isAdmin }: { readonly addr: string; readonly isAdmin: boolean }) {
  const runtime = useLoad(() => api<{ entries: Record<string, string> }>('GET', `/brokers/${enc(addr)}/runtime`), [addr], 5000);
  const config = useLoad(() => api<{ entries: Record<string, string> }>('GET', `/brokers/${enc(addr)}/config`), [addr]);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const save = (): void =>
    void attempt(async () => {
      await api('PUT', `/brokers/${enc(addr)}/config`, { entries: { [key]: value } });
      config.reload();
      return `${key} set to ${value} on ${addr}`;
    }, setOutcome);
  return (
    <Stack>
      <Title order={3}>Broker {addr}</Title>
      <Tabs defaultValue="runtime">
        <Tabs.List>
          <Tabs.Tab value="runtime">Runtime</Tabs.Tab>
          <Tabs.Tab value="config">Config</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="runtime">
          <Feedback error={runtime.error}>
            <KeyValues entries={runtime.data?.entries ?? {}} />
          </Feedback>
        </Tabs.Panel>
        <Tabs.Panel value="config">
          {isAdmin && (
            <Group align="end" my="sm">
              <TextInput label="Key" value={key} onChange={(event) => setKey(event.currentTarget.value)} />
              <TextInput label="Value" value={value} onChange={(event) => setValue(event.currentTarget.value)} />
              <Button onClick={save} disabled={key === ''}>
                Update
              </Button>
            </Group>
          )}
          <OutcomeAlert outcome={outcome} />
          <Feedback error={config.error}>
            <KeyValues entries={config.data?.entries ?? {}} />
          </Feedback>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function KeyValues({ entries }: { readonly entries: Record<string, string> }) {
  return (
    <Table>
      <Table.Tbody>
        {Object.entries(entries).map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Td>{key}</Table.Td>
            <Table.Td>
              <Code>{value}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
