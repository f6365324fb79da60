import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodedLong, javaLong, LONG_MAX, LONG_MIN, type LongKind } from '../testing/java-long-cases';

import { BrokerStatsData, QueryConsumeTimeSpanBody } from './admin-bodies';
import { ClusterInfo } from './cluster-info';
import { ConsumeStatsList } from './consume-stats-list';
import { HARuntimeInfo } from './ha-runtime-info';
import { ConsumeStats, type OffsetWrapper } from './consume-stats';
import { ConsumerConnection } from './consumer-connection';
import { DataVersion } from './data-version';
import { HeartbeatData } from './heartbeat-data';
import { ResetOffsetBody } from './reset-offset-body';
import { SubscriptionGroupConfig } from './subscription-group-config';
import { type TopicOffset, TopicStatsTable } from './topic-stats-table';

/**
 * Every Java `long` a body carries decodes over the whole signed 64-bit range, as a bare JSON
 * number or as a numeric string (GO quotes some numbers): quantities saturate at ±(2^53 − 1),
 * tokens stay exact and are written back digit for digit
 * (docs/remoting-protocol.md#java-long-fields). The last spec checks the table against the
 * body sources.
 */
const RUN = { seed: 20261207, numRuns: 150 } as const;

interface BodyLongField {
  /** The body module (file name without .ts) and the field as its source reads it. */
  readonly file: string;
  readonly field: string;
  readonly kind: LongKind;
  /** Decodes a body whose field holds `literal` (a JSON number or string) and returns the field's value. */
  readonly read: (literal: string) => unknown;
}

const QUEUE_KEY = '{"brokerName":"b","queueId":0,"topic":"T"}';

const heartbeat = (subscription: string): string =>
  `{"clientID":"127.0.0.1@1","consumerDataSet":[{"groupName":"G","subscriptionDataSet":[${subscription}]}],"producerDataSet":[]}`;

const consumeStatsField = (field: keyof OffsetWrapper): BodyLongField => ({
  file: 'consume-stats',
  field,
  kind: 'quantity',
  read: (literal) =>
    ConsumeStats.decode(`{"consumeTps":0.0,"offsetTable":{${QUEUE_KEY}:{"${field}":${literal}}}}`).offsetTable[0]?.[1][field],
});

const topicStatsField = (field: keyof TopicOffset): BodyLongField => ({
  file: 'topic-stats-table',
  field,
  kind: 'quantity',
  read: (literal) => TopicStatsTable.decode(`{"offsetTable":{${QUEUE_KEY}:{"${field}":${literal}}}}`).offsetTable[0]?.[1][field],
});

const dataVersionField = (field: 'counter' | 'stateVersion' | 'timestamp'): BodyLongField => ({
  file: 'data-version',
  field,
  kind: 'token',
  read: (literal) => DataVersion.decode(`{"${field}":${literal}}`)[field],
});

const groupConfigField = (field: 'brokerId' | 'whichBrokerWhenConsumeSlowly'): BodyLongField => ({
  file: 'subscription-group-config',
  field,
  kind: 'quantity',
  read: (literal) => SubscriptionGroupConfig.decode(`{"groupName":"G","${field}":${literal}}`)[field],
});

const BODY_LONG_FIELDS: readonly BodyLongField[] = [
  {
    file: 'heartbeat-data',
    field: 'subVersion',
    kind: 'token',
    read: (literal) =>
      HeartbeatData.decode(heartbeat(`{"topic":"T","subString":"*","subVersion":${literal}}`)).consumerDataSet[0]?.subscriptionDataSet[0]
        ?.subVersion,
  },
  ...(['counter', 'stateVersion', 'timestamp'] as const).map(dataVersionField),
  ...(['brokerOffset', 'consumerOffset', 'lastTimestamp', 'pullOffset'] as const).map(consumeStatsField),
  ...(['minOffset', 'maxOffset', 'lastUpdateTimestamp'] as const).map(topicStatsField),
  {
    file: 'reset-offset-body',
    field: 'offset',
    kind: 'quantity',
    read: (literal) => ResetOffsetBody.decode(`{"offsetTable":{${QUEUE_KEY}:${literal}}}`).offsetTable[0]?.[1],
  },
  ...(['brokerId', 'whichBrokerWhenConsumeSlowly'] as const).map(groupConfigField),
  {
    file: 'admin-bodies',
    field: 'sum',
    kind: 'quantity',
    read: (literal) => BrokerStatsData.decode(`{"statsMinute":{"sum":${literal}}}`).statsMinute.sum,
  },
  ...(['minTimeStamp', 'maxTimeStamp', 'consumeTimeStamp', 'delayTime'] as const).map((field): BodyLongField => ({
    file: 'admin-bodies',
    field,
    kind: 'quantity',
    read: (literal) =>
      QueryConsumeTimeSpanBody.decode(`{"consumeTimeSpanSet":[{"messageQueue":${QUEUE_KEY},"${field}":${literal}}]}`)[0]?.[field],
  })),
  ...(['totalDiff', 'totalInflightDiff'] as const).map((field): BodyLongField => ({
    file: 'consume-stats-list',
    field,
    kind: 'quantity',
    read: (literal) => ConsumeStatsList.decode(`{"consumeStatsList":[],"${field}":${literal}}`)[field],
  })),
  {
    file: 'ha-runtime-info',
    field: 'masterCommitLogMaxOffset',
    kind: 'quantity',
    read: (literal) => HARuntimeInfo.decode(`{"masterCommitLogMaxOffset":${literal}}`).masterCommitLogMaxOffset,
  },
  ...(['slaveAckOffset', 'diff', 'transferFromWhere'] as const).map((field): BodyLongField => ({
    file: 'ha-runtime-info',
    field,
    kind: 'quantity',
    read: (literal) => HARuntimeInfo.decode(`{"haConnectionInfo":[{"${field}":${literal}}]}`).haConnectionInfo[0]?.[field],
  })),
  ...(['transferredByteInSecond', 'maxOffset', 'lastReadTimestamp', 'lastWriteTimestamp', 'masterFlushOffset'] as const).map(
    (field): BodyLongField => ({
      file: 'ha-runtime-info',
      field,
      kind: 'quantity',
      read: (literal) => HARuntimeInfo.decode(`{"haClientRuntimeInfo":{"${field}":${literal}}}`).haClientRuntimeInfo[field],
    }),
  ),
];

/** Map keys that are Java Longs (broker ids) go through the same reader. */
const brokerIdKey = (literal: string): unknown => {
  const info = ClusterInfo.decode(
    `{"brokerAddrTable":{"b":{"brokerAddrs":{${literal}:"127.0.0.1:10911"},"brokerName":"b","cluster":"c"}},"clusterAddrTable":{}}`,
  );
  return [...(info.brokerAddrTable.get('b')?.brokerAddrs.keys() ?? [])][0];
};

/** As a bare number (Java) or as a JSON string (GO, and fastjson accepts either). */
const literalOf = (value: bigint, quoted: boolean): string => (quoted ? `"${value}"` : value.toString());

describe('Protocol > bodies > Java long fields over the full 64-bit range', () => {
  const rows = BODY_LONG_FIELDS.map((row) => [`${row.file} ${row.field} (${row.kind})`, row] as const);

  it.each(rows)('%s', (_name, row) => {
    fc.assert(
      fc.property(javaLong, fc.boolean(), (value, quoted) => {
        expect(row.read(literalOf(value, quoted))).toStrictEqual(decodedLong(row.kind, value));
      }),
      RUN,
    );
  });

  it.each(rows)('%s: a number outside the long range is refused, naming the field', (_name, row) => {
    expect(() => row.read((LONG_MAX + 1n).toString())).toThrow(row.field);
    expect(() => row.read((LONG_MIN - 1n).toString())).toThrow(row.field);
  });

  it('reads Long map keys (broker ids) over the whole range', () => {
    fc.assert(
      fc.property(javaLong, (value) => {
        expect(brokerIdKey(value.toString())).toStrictEqual(decodedLong('quantity', value));
      }),
      RUN,
    );
  });

  it('writes token longs back digit for digit: subVersion in a consumer connection, DataVersion', () => {
    fc.assert(
      fc.property(javaLong, (value) => {
        const subscription = HeartbeatData.decode(heartbeat(`{"topic":"T","subVersion":${value}}`)).consumerDataSet[0]
          ?.subscriptionDataSet[0];
        if (subscription === undefined) throw new Error('no subscription decoded');
        const echoed = ConsumerConnection.encode({
          connectionSet: [],
          subscriptionTable: new Map([['T', subscription]]),
          consumeType: 'CONSUME_PASSIVELY',
          messageModel: 'CLUSTERING',
          consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
        }).toString();
        expect(echoed).toContain(`"subVersion":${value},`);
        expect(ConsumerConnection.decode(echoed).subscriptionTable.get('T')?.subVersion).toBe(value);
        expect(DataVersion.encode({ counter: value, stateVersion: -value, timestamp: 0n }).toString()).toBe(
          `{"counter":${value},"stateVersion":${-value},"timestamp":0}`,
        );
      }),
      RUN,
    );
  });

  it('lists every long field the body sources read', () => {
    const dir = __dirname;
    const read = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
      .flatMap((name) => {
        const source = readFileSync(join(dir, name), 'utf8');
        return [...source.matchAll(/\.(?:exactLong|long)\('(\w+)'/g)].map((match) => `${name.slice(0, -3)} ${match[1]}`);
      });
    expect(new Set(read)).toEqual(new Set(BODY_LONG_FIELDS.map((row) => `${row.file} ${row.field}`)));
  });
});
