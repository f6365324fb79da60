import type { MessageQueue } from '@rocketmq-ts/model';

/**
 * A consumed message: what the broker stored plus where it sits. Field names follow Java's
 * MessageExt so that people porting a listener find what they look for.
 */
export interface MessageExt {
  readonly topic: string;
  /** Decompressed when the producer compressed it (sysFlag bit 0x1). */
  readonly body: Buffer;
  readonly tags: string | undefined;
  /** KEYS split on spaces; empty when the message has none. */
  readonly keys: readonly string[];
  /** Every property, system ones (UNIQ_KEY, TAGS, …) included. */
  readonly properties: Readonly<Record<string, string>>;
  /** UNIQ_KEY when the producer set one (every RocketMQ client does), else offsetMsgId. */
  readonly msgId: string;
  /** Store host + commit-log offset, as the broker makes it. */
  readonly offsetMsgId: string;
  readonly brokerName: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly commitLogOffset: number;
  readonly storeSize: number;
  readonly sysFlag: number;
  readonly bodyCRC: number;
  readonly bornTimestamp: number;
  /** `ip:port` of the producer. */
  readonly bornHost: string;
  readonly storeTimestamp: number;
  /** `ip:port` of the broker that stored it. */
  readonly storeHost: string;
  readonly reconsumeTimes: number;
  readonly preparedTransactionOffset: number;
}

export function messageQueueOf(message: MessageExt): MessageQueue {
  return { topic: message.topic, brokerName: message.brokerName, queueId: message.queueId };
}
