import { crc32Positive } from '@rocketmq-ts/base';
import { createRequest } from '@rocketmq-ts/protocol';
import { TestRemotingConnection } from '@rocketmq-ts/testing';

import { Code, SUCCESS } from './namesrv-queries';

export interface FakeTopic {
  name: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
}

export interface FakeBroker {
  clusterName: string;
  brokerName: string;
  brokerAddr: string;
  /** Keeps the registration alive: a name server drops a broker when its connection closes. */
  connection: TestRemotingConnection;
}

/**
 * Registers a broker that does not exist, the way a Java 5.3.3 master does: REGISTER_BROKER with
 * an uncompressed RegisterBrokerBody (standard JSON, fastjson field order) and its CRC32.
 */
export async function registerFakeBroker(
  namesrvPort: number,
  broker: { clusterName: string; brokerName: string; brokerAddr: string; topics: FakeTopic[] },
): Promise<FakeBroker> {
  const now = Date.now();
  const topicConfigTable: Record<string, unknown> = {};
  for (const topic of broker.topics) {
    topicConfigTable[topic.name] = {
      attributes: {},
      order: false,
      perm: topic.perm,
      readQueueNums: topic.readQueueNums,
      topicFilterType: 'SINGLE_TAG',
      topicName: topic.name,
      topicSysFlag: 0,
      writeQueueNums: topic.writeQueueNums,
    };
  }
  const body = Buffer.from(
    JSON.stringify({
      filterServerList: [],
      topicConfigSerializeWrapper: {
        dataVersion: { counter: 1, stateVersion: 0, timestamp: now },
        topicConfigTable,
      },
    }),
    'utf8',
  );
  const [host, port] = broker.brokerAddr.split(':');
  const connection = await TestRemotingConnection.open(namesrvPort);
  const response = await connection.request(
    createRequest(Code.REGISTER_BROKER, {
      language: 'JAVA',
      extFields: {
        brokerAddr: broker.brokerAddr,
        brokerId: '0',
        brokerName: broker.brokerName,
        bodyCrc32: String(crc32Positive(body)),
        clusterName: broker.clusterName,
        compressed: 'false',
        enableActingMaster: 'false',
        haServerAddr: `${host ?? '127.0.0.1'}:${Number(port) + 1}`,
        heartbeatTimeoutMillis: '120000',
      },
      body,
    }),
  );
  if (response.code !== SUCCESS) {
    await connection.close();
    throw new Error(`REGISTER_BROKER ${broker.brokerName}: code ${response.code}, remark ${JSON.stringify(response.remark)}`);
  }
  return { clusterName: broker.clusterName, brokerName: broker.brokerName, brokerAddr: broker.brokerAddr, connection };
}
