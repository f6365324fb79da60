import type { JsonValue } from '../json/json-value';
import { brokerAddrsFromJson, brokerAddrsToJson } from './broker-addrs';
import { BodyReader } from './body-fields';

/**
 * BrokerData: one broker name (a master and its slaves), inside TopicRouteData and ClusterInfo.
 * JSON, sorted keys, brokerAddrs keyed by broker id (0 = master):
 *   {"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster",
 *    "enableActingMaster":false[,"zoneName":"z"]}
 */
export interface BrokerData {
  readonly cluster: string;
  readonly brokerName: string;
  readonly brokerAddrs: ReadonlyMap<number, string>;
  readonly enableActingMaster: boolean;
  readonly zoneName?: string;
}

const NAME = 'BrokerData';

export const BrokerData = {
  toJson(broker: BrokerData) {
    return {
      brokerAddrs: brokerAddrsToJson(broker.brokerAddrs),
      brokerName: broker.brokerName,
      cluster: broker.cluster,
      enableActingMaster: broker.enableActingMaster,
      zoneName: broker.zoneName,
    };
  },

  fromJson(value: JsonValue, path = '$'): BrokerData {
    const fields = BodyReader.of(NAME, value, path);
    return {
      cluster: fields.string('cluster', ''),
      brokerName: fields.string('brokerName'),
      brokerAddrs: brokerAddrsFromJson(fields),
      enableActingMaster: fields.boolean('enableActingMaster', false),
      zoneName: fields.optionalString('zoneName'),
    };
  },
};
