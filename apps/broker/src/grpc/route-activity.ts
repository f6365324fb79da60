import { isReadable, isWriteable, type TopicConfig } from '@rocketmq-ts/model';

import {
  type V2Broker,
  type V2MessageQueue,
  type V2MessageType,
  type V2Permission,
  type V2Resource,
  type V2Status,
  v2Status,
} from './v2-types';

export interface RouteSource {
  selectTopicConfig(topic: string): TopicConfig | undefined;
}

export interface RouteIdentity {
  readonly brokerName: string;
  /** The host clients reach this broker's gRPC endpoint at (brokerIP1) and its port. */
  readonly host: string;
  readonly grpcPort: number;
}

const MESSAGE_TYPE_ATTRIBUTE = 'message.type';

/**
 * QueryRoute and QueryAssignment (docs/grpc-and-pop.md#grpc-endpoint), as the proxy builds them in
 * local mode from this broker's topic table. Queue ids are numbered per broker from 0 — read-only,
 * then write-only, then read-write queues — because the Node client keeps only id 0 per broker.
 */
export class RouteActivity {
  constructor(
    private readonly topics: RouteSource,
    private readonly identity: RouteIdentity,
  ) {}

  queryRoute(topicName: string): { status: V2Status; message_queues: V2MessageQueue[] } {
    const config = this.topics.selectTopicConfig(topicName);
    if (config === undefined) return { status: v2Status('TOPIC_NOT_FOUND', `topic ${topicName} not found`), message_queues: [] };
    return { status: v2Status('OK'), message_queues: this.queuesOf(config) };
  }

  /** Non-FIFO groups pop from the whole broker (queue −1); FIFO groups get each readable queue. */
  queryAssignment(topicName: string, fifo: boolean): { status: V2Status; assignments: Array<{ message_queue: V2MessageQueue }> } {
    const config = this.topics.selectTopicConfig(topicName);
    if (config === undefined) return { status: v2Status('TOPIC_NOT_FOUND', `topic ${topicName} not found`), assignments: [] };
    if (!isReadable(config.perm) || config.readQueueNums <= 0)
      return { status: v2Status('FORBIDDEN', 'no readable queue'), assignments: [] };
    const queue = (id: number): V2MessageQueue => ({
      topic: this.resource(topicName),
      id,
      permission: 'READ_WRITE',
      broker: this.broker(),
      accept_message_types: acceptedTypes(config),
    });
    const ids = fifo ? Array.from({ length: config.readQueueNums }, (_, i) => i) : [-1];
    return { status: v2Status('OK'), assignments: ids.map((id) => ({ message_queue: queue(id) })) };
  }

  broker(): V2Broker {
    return {
      name: this.identity.brokerName,
      id: 0,
      endpoints: { scheme: 'IPv4', addresses: [{ host: this.identity.host, port: this.identity.grpcPort }] },
    };
  }

  private queuesOf(config: TopicConfig): V2MessageQueue[] {
    const topic = this.resource(config.topicName);
    const types = acceptedTypes(config);
    const readable = isReadable(config.perm);
    const writeable = isWriteable(config.perm);
    const r = config.readQueueNums;
    const w = config.writeQueueNums;
    const both = Math.min(r, w);
    const perms: V2Permission[] = [];
    if (!readable && !writeable) perms.push(...Array<V2Permission>(Math.max(1, r, w)).fill('NONE'));
    else {
      perms.push(...Array<V2Permission>(r - both).fill(readable ? 'READ' : 'NONE'));
      perms.push(...Array<V2Permission>(w - both).fill(writeable ? 'WRITE' : 'NONE'));
      perms.push(...Array<V2Permission>(both).fill(readable && writeable ? 'READ_WRITE' : readable ? 'READ' : 'WRITE'));
    }
    return perms.map((permission, id) => ({ topic, id, permission, broker: this.broker(), accept_message_types: types }));
  }

  private resource(name: string): V2Resource {
    return { name, resource_namespace: '' };
  }
}

/** accept_message_types from the topic attribute `message.type` (NORMAL when unset, MIXED = all). */
export function acceptedTypes(config: TopicConfig): V2MessageType[] {
  const type = (config.attributes[MESSAGE_TYPE_ATTRIBUTE] ?? config.attributes[`+${MESSAGE_TYPE_ATTRIBUTE}`] ?? 'NORMAL').toUpperCase();
  if (type === 'MIXED') return ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'];
  if (type === 'NORMAL' || type === 'FIFO' || type === 'DELAY' || type === 'TRANSACTION') return [type];
  return ['MESSAGE_TYPE_UNSPECIFIED'];
}
