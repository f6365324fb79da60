import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { BrokerData } from './broker-data';

/**
 * ClusterInfo: the GET_BROKER_CLUSTER_INFO (106) reply body (docs/remoting-protocol.md#requests-the-broker-serves). Always plain
 * fastjson, so brokerAddrs ids are bare numbers whatever the requester's version:
 *   {"brokerAddrTable":{"<brokerName>":{BrokerData}},"clusterAddrTable":{"<cluster>":["<brokerName>",...]}}
 */
export interface ClusterInfo {
  readonly brokerAddrTable: ReadonlyMap<string, BrokerData>;
  readonly clusterAddrTable: ReadonlyMap<string, readonly string[]>;
}

const NAME = 'ClusterInfo';

export const ClusterInfo = {
  encode(info: ClusterInfo): Buffer {
    return writeJsonBuffer({
      brokerAddrTable: new Map([...info.brokerAddrTable].map(([brokerName, broker]) => [brokerName, BrokerData.toJson(broker)])),
      clusterAddrTable: info.clusterAddrTable,
    });
  },

  decode(bytes: Buffer | string): ClusterInfo {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const brokerAddrTable = new Map<string, BrokerData>();
    for (const [brokerName, broker] of fields.stringKeyedEntries('brokerAddrTable')) {
      brokerAddrTable.set(brokerName, BrokerData.fromJson(broker, `$.brokerAddrTable.${brokerName}`));
    }
    const clusterAddrTable = new Map<string, string[]>();
    const clusters = fields.child('clusterAddrTable');
    for (const [cluster] of fields.stringKeyedEntries('clusterAddrTable')) clusterAddrTable.set(cluster, clusters.stringArray(cluster));
    return { brokerAddrTable, clusterAddrTable };
  },
};
