import type { Logger } from '@rocketmq-ts/base';

import { Producer } from '../producer/producer';
import type { SendResult } from '../producer/send-result';

export interface AdminSendRequest {
  readonly topic: string;
  readonly body: Buffer | string;
  readonly tags?: string;
  readonly keys?: string;
  /** User properties (and, for a resend, RETRY_TOPIC / ORIGIN_MESSAGE_ID). */
  readonly properties?: Readonly<Record<string, string>>;
  /** With `queueId`: send to exactly that queue, as mqadmin sendMessage -b -i. */
  readonly brokerName?: string;
  readonly queueId?: number;
}

export interface AdminSendContext {
  readonly namesrvAddrs: readonly string[];
  readonly timeoutMs: number;
  readonly logger: Logger;
}

/** sendMessage: one message through a short-lived Producer (Java's command makes a producer per run too). */
export async function sendAdminMessage(context: AdminSendContext, request: AdminSendRequest): Promise<SendResult> {
  const producer = new Producer({
    namesrvAddr: context.namesrvAddrs,
    producerGroup: `mqadmin-${process.pid}`,
    sendMsgTimeoutMs: context.timeoutMs,
    logger: context.logger,
  });
  await producer.start();
  try {
    const message = { topic: request.topic, body: request.body, tags: request.tags, keys: request.keys, properties: request.properties };
    const { brokerName, queueId } = request;
    const queue =
      brokerName !== undefined && queueId !== undefined && queueId >= 0 ? { topic: request.topic, brokerName, queueId } : undefined;
    return await producer.send(message, queue === undefined ? undefined : { queue });
  } finally {
    await producer.shutdown();
  }
}
