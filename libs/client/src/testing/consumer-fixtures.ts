import { AUTO_CREATE_TOPIC_KEY_TOPIC, PERM_READ_WRITE } from '@rocketmq-ts/model';
import { createRequest, CreateTopicRequestHeader, GetRouteInfoRequestHeader, RequestCode, ResponseCode, TopicRouteData } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';

import type { MessageExt } from '../consumer/message-ext';
import { Producer } from '../producer/producer';
import type { TestCluster } from './cluster';

// Support for the consumer specs: topics with a chosen number of queues, a producer that has
// already reached the broker, and a recorder of what a listener received.

/** UPDATE_AND_CREATE_TOPIC on the broker, then waits until the name server routes all its queues. */
export async function createTopic(cluster: TestCluster, topic: string, queueNums: number): Promise<void> {
  const remoting = new RemotingClient();
  try {
    const extFields = CreateTopicRequestHeader.encode({
      topic,
      defaultTopic: AUTO_CREATE_TOPIC_KEY_TOPIC,
      readQueueNums: queueNums,
      writeQueueNums: queueNums,
      perm: PERM_READ_WRITE,
      topicFilterType: 'SINGLE_TAG',
      order: false,
    });
    const created = await remoting.invoke(cluster.brokerAddr, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }), 5_000);
    if (created.code !== ResponseCode.SUCCESS) throw new Error(`creating ${topic} answered ${created.code}: ${created.remark ?? ''}`);
    await waitFor(
      async () => {
        const request = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) });
        const response = await remoting.invoke(cluster.namesrvAddr, request, 5_000);
        if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return false;
        return TopicRouteData.decode(response.body).queueDatas.some((queueData) => queueData.readQueueNums === queueNums);
      },
      { timeoutMs: 20_000, intervalMs: 100, reason: `route of ${topic} with ${queueNums} queues on the name server` },
    );
  } finally {
    await remoting.close();
  }
}

/** A started producer whose first send already went through (the broker registers a moment after booting). */
export async function startProbedProducer(cluster: TestCluster, producerGroup: string): Promise<Producer> {
  const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup });
  await producer.start();
  try {
    await waitFor(async () => (await producer.send({ topic: 'ClientSpecProbe', body: 'probe' }).catch(() => undefined))?.sendStatus === 'SEND_OK', {
      timeoutMs: 20_000,
      intervalMs: 200,
      reason: 'a first send through the freshly started broker',
    });
  } catch (error) {
    await producer.shutdown();
    throw error;
  }
  return producer;
}

/** Sends `count` messages with bodies `${prefix}-${index}` and returns those bodies in send order. */
export async function sendNumbered(producer: Producer, topic: string, prefix: string, count: number, tags?: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const body = `${prefix}-${index}`;
    await producer.send({ topic, body, tags });
    bodies.push(body);
  }
  return bodies;
}

/** What a listener saw, by body text. */
export class Received {
  readonly messages: MessageExt[] = [];

  add(message: MessageExt): void {
    this.messages.push(message);
  }

  bodies(): string[] {
    return this.messages.map((message) => message.body.toString());
  }

  distinctBodies(): Set<string> {
    return new Set(this.bodies());
  }

  /** Waits until every body of `expected` was received at least once. */
  async waitForAll(expected: readonly string[], timeoutMs = 20_000): Promise<void> {
    await waitFor(
      () => {
        const seen = this.distinctBodies();
        return expected.every((body) => seen.has(body));
      },
      { timeoutMs, intervalMs: 50, reason: `${expected.length} messages received (have ${this.distinctBodies().size})` },
    );
  }
}
