import { crc32Positive } from '@rocketmq-ts/base';
import type { TopicConfig } from '@rocketmq-ts/model';
import {
  createRequest,
  type DataVersion,
  RegisterBrokerBody,
  RegisterBrokerRequestHeader,
  type RemotingCommand,
  RequestCode,
  UnRegisterBrokerRequestHeader,
} from '@rocketmq-ts/protocol';

import type { BrokerIdentity } from '../config/broker-identity';

export interface RegisterBrokerInput {
  readonly identity: BrokerIdentity;
  readonly topicConfigTable: ReadonlyMap<string, TopicConfig>;
  readonly dataVersion: DataVersion;
  /** brokerPermission: a read-only or write-only broker advertises its topics with that perm mask. */
  readonly brokerPermission: number;
}

/** READ | WRITE: a broker with both advertises topic perms unchanged. */
const READ_WRITE = 6;

/**
 * REGISTER_BROKER (103) as a 5.x Java broker sends it (docs/remoting-protocol.md#requests-the-broker-serves): uncompressed JSON
 * RegisterBrokerBody with the whole topic table and its DataVersion, the body's CRC32 in the
 * header so the name server can refuse a mangled body.
 */
export function registerBrokerRequest(input: RegisterBrokerInput): RemotingCommand {
  const table =
    (input.brokerPermission & READ_WRITE) === READ_WRITE
      ? input.topicConfigTable
      : maskPerms(input.topicConfigTable, input.brokerPermission);
  const body = RegisterBrokerBody.encode({
    filterServerList: [],
    topicConfigSerializeWrapper: { topicConfigTable: table, dataVersion: input.dataVersion },
  });
  const { identity } = input;
  const extFields = RegisterBrokerRequestHeader.encode({
    brokerName: identity.brokerName,
    brokerAddr: identity.brokerAddr,
    clusterName: identity.clusterName,
    haServerAddr: identity.haServerAddr,
    brokerId: identity.brokerId,
    enableActingMaster: false,
    compressed: false,
    bodyCrc32: crc32Positive(body),
  });
  return createRequest(RequestCode.REGISTER_BROKER, { extFields, body, language: 'JAVA' });
}

export function unregisterBrokerRequest(identity: BrokerIdentity): RemotingCommand {
  const extFields = UnRegisterBrokerRequestHeader.encode({
    brokerName: identity.brokerName,
    brokerAddr: identity.brokerAddr,
    clusterName: identity.clusterName,
    brokerId: identity.brokerId,
  });
  return createRequest(RequestCode.UNREGISTER_BROKER, { extFields, language: 'JAVA' });
}

function maskPerms(table: ReadonlyMap<string, TopicConfig>, brokerPermission: number): Map<string, TopicConfig> {
  return new Map([...table].map(([topic, config]) => [topic, { ...config, perm: config.perm & brokerPermission }]));
}
