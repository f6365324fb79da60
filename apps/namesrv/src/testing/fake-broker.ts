import {
  createRequest,
  DataVersion,
  RegisterBrokerBody,
  RegisterBrokerRequestHeader,
  type RemotingCommand,
  RequestCode,
} from '@rocketmq-ts/protocol';
import { createTopicConfig, type TopicConfig } from '@rocketmq-ts/model';
import { crc32Positive } from '@rocketmq-ts/base';

export interface FakeBrokerIdentity {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerAddr: string;
  readonly brokerId: number;
  readonly haServerAddr: string;
}

export const MASTER_A: FakeBrokerIdentity = {
  clusterName: 'DefaultCluster',
  brokerName: 'broker-a',
  brokerAddr: '127.0.0.1:10911',
  brokerId: 0,
  haServerAddr: '127.0.0.1:10912',
};
export const SLAVE_A: FakeBrokerIdentity = { ...MASTER_A, brokerAddr: '127.0.0.1:10921', brokerId: 1, haServerAddr: '127.0.0.1:10922' };
export const MASTER_B: FakeBrokerIdentity = {
  clusterName: 'DefaultCluster',
  brokerName: 'broker-b',
  brokerAddr: '127.0.0.1:10931',
  brokerId: 0,
  haServerAddr: '127.0.0.1:10932',
};

export function topicConfig(topicName: string, overrides: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
  return createTopicConfig(topicName, { readQueueNums: 4, writeQueueNums: 4, ...overrides });
}

export interface RegisterOptions {
  readonly topics: readonly TopicConfig[];
  readonly dataVersion?: DataVersion;
  readonly heartbeatTimeoutMillis?: number;
  /** Java brokers send the real CRC; 0 means "not checked". */
  readonly bodyCrc32?: number;
}

/** REGISTER_BROKER as a Java 5.x broker sends it: JSON RegisterBrokerBody, CRC of the body. */
export function registerRequest(broker: FakeBrokerIdentity, options: RegisterOptions): RemotingCommand {
  const body = RegisterBrokerBody.encode({
    filterServerList: [],
    topicConfigSerializeWrapper: {
      dataVersion: options.dataVersion ?? { counter: 1n, stateVersion: 0n, timestamp: 1_700_000_000_000n },
      topicConfigTable: new Map(options.topics.map((config) => [config.topicName, config])),
    },
  });
  const extFields = RegisterBrokerRequestHeader.encode({
    ...broker,
    heartbeatTimeoutMillis: options.heartbeatTimeoutMillis,
    enableActingMaster: false,
    compressed: false,
    bodyCrc32: options.bodyCrc32 ?? crc32Positive(body),
  });
  return createRequest(RequestCode.REGISTER_BROKER, { extFields, body, language: 'JAVA' });
}
