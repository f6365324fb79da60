import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';

import { api } from '../api';
import { Feedback } from '../components/Feedback';
import { type ChartLine, TimeChart } from '../components/TimeChart';
import { useLoad } from '../hooks';
import type { BrokerRow, ChartSeries } from '../types';

const REFRESH_MS = 5000;

/** Cluster-wide figures and charts, refreshed every 5 s: put/get TPS per broker, lag per group. */
export function DashboardPage() {
  const clusters = useLoad(() => api<{ clusters: Array<{ name: string; brokers: BrokerRow[] }> }>('GET', '/clusters'), [], REFRESH_MS);
  const series = useLoad(() => api<ChartSeries>('GET', '/metrics/series'), [], REFRESH_MS);
  const tpsLines = useMemo<ChartLine[]>(
    () =>
      Object.entries(series.data?.brokers ?? {}).flatMap(([broker, samples]) => [
        { label: `${broker} put`, points: samples.map((s) => [s.t, s.inTps] as const) },
        { label: `${broker} get`, points: samples.map((s) => [s.t, s.outTps] as const) },
      ]),
    [series.data],
  );
  const lagLines = useMemo<ChartLine[]>(
    () =>
      Object.entries(series.data?.groups ?? {}).map(([group, samples]) => ({
        label: group,
        points: samples.map((s) => [s.t, s.lag] as const),
      })),
    [series.data],
  );
  const brokers = clusters.data?.clusters.flatMap((cluster) => cluster.brokers) ?? [];
  const groupNames = new Set(brokers.map((broker) => broker.brokerName));
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      <Feedback error={clusters.error ?? series.error} loading={clusters.loading && clusters.data === undefined}>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Stat label="Clusters" value={clusters.data?.clusters.length ?? 0} />
          <Stat label="Broker groups" value={groupNames.size} />
          <Stat label="Put TPS" value={round(brokers.reduce((sum, broker) => sum + broker.inTps, 0))} />
          <Stat label="Get TPS" value={round(brokers.reduce((sum, broker) => sum + broker.outTps, 0))} />
        </SimpleGrid>
        <Group>
          {brokers.map((broker) => (
            <Badge key={broker.addr} color={broker.error === undefined ? 'green' : 'red'} variant="light">
              {broker.brokerName}/{broker.brokerId} {broker.addr}
            </Badge>
          ))}
        </Group>
      </Feedback>
      <Card withBorder>
        {tpsLines.length > 0 ? (
          <TimeChart title="TPS per broker" lines={tpsLines} />
        ) : (
          <Text c="dimmed">TPS chart: waiting for samples</Text>
        )}
      </Card>
      <Card withBorder>
        {lagLines.length > 0 ? (
          <TimeChart title="Lag per consumer group" lines={lagLines} />
        ) : (
          <Text c="dimmed">Lag chart: no consumer group with offsets yet</Text>
        )}
      </Card>
    </Stack>
  );
}

function Stat({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} aria-label={label}>
        {value}
      </Text>
    </Card>
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
