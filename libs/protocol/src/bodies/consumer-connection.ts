import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { type ClientConnection, ClientConnectionJson } from './client-connection';
import { decodeSubscriptionData, type SubscriptionData } from './heartbeat-data';

/**
 * GET_CONSUMER_CONNECTION_LIST (203) reply body (Java's ConsumerConnection), fastjson sorted keys:
 *   {"connectionSet":[Connection],"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET",
 *    "consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",
 *    "subscriptionTable":{"<topic>":SubscriptionData}}
 */
export interface ConsumerConnection {
  readonly connectionSet: readonly ClientConnection[];
  readonly subscriptionTable: ReadonlyMap<string, SubscriptionData>;
  readonly consumeType: string;
  readonly messageModel: string;
  readonly consumeFromWhere: string;
}

const NAME = 'ConsumerConnection';

export const ConsumerConnection = {
  encode(body: ConsumerConnection): Buffer {
    return writeJsonBuffer({
      connectionSet: body.connectionSet.map((connection) => ClientConnectionJson.toJson(connection)),
      consumeFromWhere: body.consumeFromWhere,
      consumeType: body.consumeType,
      messageModel: body.messageModel,
      subscriptionTable: new Map([...body.subscriptionTable].map(([topic, sub]) => [topic, { ...sub }])),
    });
  },

  decode(bytes: Buffer | string): ConsumerConnection {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const subscriptionTable = new Map<string, SubscriptionData>();
    for (const [topic, sub] of fields.stringKeyedEntries('subscriptionTable'))
      subscriptionTable.set(topic, decodeSubscriptionData(sub, `$.subscriptionTable.${topic}`));
    return {
      connectionSet: fields
        .array('connectionSet')
        .map((value, index) => ClientConnectionJson.fromJson(NAME, value, `$.connectionSet[${index}]`)),
      subscriptionTable,
      consumeType: fields.string('consumeType', ''),
      messageModel: fields.string('messageModel', ''),
      consumeFromWhere: fields.string('consumeFromWhere', ''),
    };
  },

  /** The oldest client version in the group (Java's computeMinVersion); MAX int when empty. */
  minVersion(body: ConsumerConnection): number {
    return body.connectionSet.reduce((min, connection) => Math.min(min, connection.version), 2147483647);
  },
};
