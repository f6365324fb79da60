import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { FASTJSON_DEFAULT, STANDARD_JSON, writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { BrokerData } from './broker-data';
import { QueueData } from './queue-data';

/**
 * TopicRouteData: the GET_ROUTEINFO_BY_TOPIC (105) reply body and the REGISTER_TOPIC_IN_NAMESRV
 * (217) request body (docs/remoting-protocol.md#json-bodies). Sorted keys; the optional fields appear only when set:
 *   {"brokerDatas":[BrokerData...],"filterServerTable":{},["orderTopicConf":"bn:4;...",]
 *    "queueDatas":[QueueData...][,"topicQueueMappingByBroker":{...}]}
 *
 * Two encodings, chosen per request with usesStandardRouteJson():
 *   standard  `"brokerAddrs":{"0":"ip:port"}`, map keys sorted, non-ASCII as \uXXXX (Java ≥ 4.9.4)
 *   legacy    `"brokerAddrs":{0:"ip:port"}` (GO v317, ali-ons v121, older Java)
 * decode reads both.
 */
export interface TopicRouteData {
  readonly orderTopicConf?: string;
  readonly queueDatas: readonly QueueData[];
  readonly brokerDatas: readonly BrokerData[];
  /** brokerAddr -> filter server addresses; always present, normally empty. */
  readonly filterServerTable: ReadonlyMap<string, readonly string[]>;
  /** Static-topic mapping, carried through as opaque JSON. */
  readonly topicQueueMappingByBroker?: ReadonlyMap<string, JsonValue>;
}

export interface RouteEncodeOptions {
  /** true for quoted brokerAddrs keys; see usesStandardRouteJson. */
  readonly standardJson: boolean;
}

const NAME = 'TopicRouteData';

export const TopicRouteData = {
  encode(route: TopicRouteData, options: RouteEncodeOptions): Buffer {
    return writeJsonBuffer(
      {
        brokerDatas: route.brokerDatas.map(BrokerData.toJson),
        filterServerTable: route.filterServerTable,
        orderTopicConf: route.orderTopicConf,
        queueDatas: route.queueDatas.map(QueueData.toJson),
        topicQueueMappingByBroker: route.topicQueueMappingByBroker,
      },
      options.standardJson ? STANDARD_JSON : FASTJSON_DEFAULT,
    );
  },

  decode(bytes: Buffer | string): TopicRouteData {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const filterServerTable = new Map<string, string[]>();
    const filterFields = fields.child('filterServerTable');
    for (const [brokerAddr] of fields.stringKeyedEntries('filterServerTable')) {
      filterServerTable.set(brokerAddr, filterFields.stringArray(brokerAddr));
    }
    return {
      orderTopicConf: fields.optionalString('orderTopicConf'),
      queueDatas: fields.array('queueDatas').map((queue, index) => QueueData.fromJson(queue, `$.queueDatas[${index}]`)),
      brokerDatas: fields.array('brokerDatas').map((broker, index) => BrokerData.fromJson(broker, `$.brokerDatas[${index}]`)),
      filterServerTable,
      topicQueueMappingByBroker: fields.has('topicQueueMappingByBroker')
        ? new Map(fields.stringKeyedEntries('topicQueueMappingByBroker'))
        : undefined,
    };
  },
};
