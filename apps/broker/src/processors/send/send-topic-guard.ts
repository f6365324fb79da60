import { isNotAllowedSendTopic, isWriteable, type TopicConfig, topicQueueCount, validateTopic } from '@rocketmq-ts/model';
import { ResponseCode, type SendMessageRequestHeader } from '@rocketmq-ts/protocol';

import type { TopicConfigManager } from '../../topics/topic-config-manager';

export type SendTarget =
  | { readonly ok: true; readonly topicConfig: TopicConfig; readonly queueId: number }
  | { readonly ok: false; readonly code: number; readonly remark: string };

export interface SendTopicGuardOptions {
  readonly topics: TopicConfigManager;
  readonly brokerName: string;
  /** Broker perm bits (brokerPermission): a broker without WRITE refuses every send. */
  readonly brokerPermission: number;
  readonly random?: () => number;
}

/**
 * Everything SEND checks before the store sees a byte (docs/remoting-protocol.md#requests-the-broker-serves steps 1-3): topic name,
 * system topics, broker and topic write permission, auto-create from the default topic, queueId.
 * A refusal leaves the store untouched.
 */
export class SendTopicGuard {
  private readonly random: () => number;

  constructor(private readonly options: SendTopicGuardOptions) {
    this.random = options.random ?? Math.random;
  }

  resolve(header: SendMessageRequestHeader): SendTarget {
    const { topic } = header;
    if (!isWriteable(this.options.brokerPermission)) {
      return refuse(ResponseCode.NO_PERMISSION, `the broker[${this.options.brokerName}] sending message is forbidden`);
    }
    const validation = validateTopic(topic);
    if (!validation.valid) return refuse(ResponseCode.INVALID_PARAMETER, validation.reason);
    if (isNotAllowedSendTopic(topic)) return refuse(ResponseCode.NO_PERMISSION, `Sending message to topic[${topic}] is forbidden.`);

    const topicConfig = this.options.topics.selectTopicConfig(topic) ?? this.autoCreate(header);
    if (topicConfig === undefined) {
      return refuse(ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist, apply first please!`);
    }
    if (!isWriteable(topicConfig.perm)) return refuse(ResponseCode.NO_PERMISSION, `the topic[${topic}] sending message is forbidden`);

    const queueCount = topicQueueCount(topicConfig);
    if (header.queueId >= queueCount) {
      return refuse(
        ResponseCode.INVALID_PARAMETER,
        `request queueId[${header.queueId}] is illegal, topic ${topic} has ${queueCount} queues; producer group ${header.producerGroup}`,
      );
    }
    const queueId = header.queueId < 0 ? Math.floor(this.random() * topicConfig.writeQueueNums) : header.queueId;
    return { ok: true, topicConfig, queueId };
  }

  private autoCreate(header: SendMessageRequestHeader): TopicConfig | undefined {
    // Java's UNIT flag follows the producer's unitMode; retry topics are created by their consumers.
    const topicSysFlag = header.unitMode ? 1 : 0;
    return this.options.topics.createTopicInSendMessageMethod(
      header.topic,
      header.defaultTopic,
      header.defaultTopicQueueNums,
      topicSysFlag,
    );
  }
}

function refuse(code: number, remark: string): SendTarget {
  return { ok: false, code, remark };
}
