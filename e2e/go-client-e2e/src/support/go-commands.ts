import { type DriverEvent, eventsOf, type QueueRef, type SentEvent } from './driver-events';
import { runGoDriver } from './go-driver';

// One-shot driver commands: a Go producer run and the Go admin API calls.

export interface ProduceOptions {
  readonly topic: string;
  readonly mode: SentEvent['mode'];
  readonly count: number;
  /** Bodies are `<prefix>-<i>`. */
  readonly prefix: string;
  /** Message i gets tag i mod length. */
  readonly tags?: readonly string[];
  /** Message i gets sharding key i mod length; the producer picks queues by key hash. */
  readonly shardingKeys?: readonly string[];
  readonly delayLevel?: number;
  /** Messages per batch in batch mode (default: all in one). */
  readonly batchSize?: number;
}

/** A Go producer process sending every message; fails unless every send succeeded. Returns the "sent" lines. */
export async function goProduce(namesrvAddr: string, options: ProduceOptions): Promise<SentEvent[]> {
  const args = [
    'produce',
    '-n',
    namesrvAddr,
    '-t',
    options.topic,
    '-mode',
    options.mode,
    '-count',
    String(options.count),
    '-prefix',
    options.prefix,
  ];
  if (options.tags !== undefined) args.push('-tags', options.tags.join(','));
  if (options.shardingKeys !== undefined) args.push('-sharding-keys', options.shardingKeys.join(','));
  if (options.delayLevel !== undefined) args.push('-delay-level', String(options.delayLevel));
  if (options.batchSize !== undefined) args.push('-batch-size', String(options.batchSize));
  return eventsOf(await runGoDriver(`produce-${options.mode}`, args), 'sent');
}

/** Bodies `<prefix>-0` .. `<prefix>-<count - 1>`, as the driver names them. */
export function bodiesFor(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
}

function adminRun(namesrvAddr: string, action: string, extra: readonly string[]): Promise<DriverEvent[]> {
  return runGoDriver(`admin-${action}`, ['admin', '-n', namesrvAddr, '-action', action, ...extra]);
}

/** admin.CreateTopic on one broker (the client ignores the response code: check the route after). */
export async function goAdminCreateTopic(namesrvAddr: string, brokerAddr: string, topic: string, queues: number): Promise<void> {
  await adminRun(namesrvAddr, 'create', ['-t', topic, '-broker', brokerAddr, '-queues', String(queues)]);
}

/** admin.DeleteTopic on one broker, then on every name server. */
export async function goAdminDeleteTopic(namesrvAddr: string, brokerAddr: string, topic: string): Promise<void> {
  await adminRun(namesrvAddr, 'delete', ['-t', topic, '-broker', brokerAddr]);
}

/** admin.FetchAllTopicList (from the first name server). */
export async function goAdminTopics(namesrvAddr: string): Promise<readonly string[]> {
  const [topics] = eventsOf(await adminRun(namesrvAddr, 'topics', []), 'topics');
  if (topics === undefined) throw new Error('the Go admin printed no topic list');
  return topics.topics;
}

/** admin.FetchPublishMessageQueues; rejects while the name servers have no route for the topic. */
export async function goAdminQueues(namesrvAddr: string, topic: string): Promise<readonly QueueRef[]> {
  const [queues] = eventsOf(await adminRun(namesrvAddr, 'queues', ['-t', topic]), 'queues');
  if (queues === undefined) throw new Error(`the Go admin printed no queues of ${topic}`);
  return queues.queues;
}
