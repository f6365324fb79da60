/**
 * A topic's configuration as brokers keep it (`topics.json`), register it with the name server and
 * return it in admin replies. Field names are the wire and JSON names.
 */
import { PERM_READ_WRITE } from './perm-name';

export type TopicFilterType = 'SINGLE_TAG' | 'MULTI_TAG';

/** `topicSysFlag` bits (docs/remoting-protocol.md#json-bodies point 4). */
export const TopicSysFlag = {
  UNIT: 0x1,
  UNIT_SUB: 0x2,
} as const;

export interface TopicConfig {
  readonly topicName: string;
  readonly readQueueNums: number;
  readonly writeQueueNums: number;
  readonly perm: number;
  readonly topicFilterType: TopicFilterType;
  readonly topicSysFlag: number;
  readonly order: boolean;
  /** 5.x topic attributes, e.g. `{ "message.type": "NORMAL" }`; keys keep their `+`/`-` prefix on updates. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Java's `TopicConfig` defaults: 16 read and 16 write queues, read-write, single tag. */
export const DEFAULT_TOPIC_QUEUE_NUMS = 16;

export function createTopicConfig(topicName: string, overrides: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
  return {
    topicName,
    readQueueNums: DEFAULT_TOPIC_QUEUE_NUMS,
    writeQueueNums: DEFAULT_TOPIC_QUEUE_NUMS,
    perm: PERM_READ_WRITE,
    topicFilterType: 'SINGLE_TAG',
    topicSysFlag: 0,
    order: false,
    attributes: {},
    ...overrides,
  };
}

export function hasTopicSysFlag(topicSysFlag: number, mask: number): boolean {
  return (topicSysFlag & mask) === mask;
}

/** Queues a client may address: the larger of the two counts, as the broker checks a queueId against. */
export function topicQueueCount(config: Pick<TopicConfig, 'readQueueNums' | 'writeQueueNums'>): number {
  return Math.max(config.readQueueNums, config.writeQueueNums);
}
