import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { type ClientConnection, ClientConnectionJson } from './client-connection';

/**
 * GET_PRODUCER_CONNECTION_LIST (204) reply body (Java's ProducerConnection):
 *   {"connectionSet":[{"clientAddr":…,"clientId":…,"language":"JAVA","version":n}]}
 */
export interface ProducerConnection {
  readonly connectionSet: readonly ClientConnection[];
}

const NAME = 'ProducerConnection';

export const ProducerConnection = {
  encode(body: ProducerConnection): Buffer {
    return writeJsonBuffer({ connectionSet: body.connectionSet.map((connection) => ClientConnectionJson.toJson(connection)) });
  },

  decode(bytes: Buffer | string): ProducerConnection {
    const fields = BodyReader.of(NAME, readJson(bytes));
    return {
      connectionSet: fields
        .array('connectionSet')
        .map((value, index) => ClientConnectionJson.fromJson(NAME, value, `$.connectionSet[${index}]`)),
    };
  },
};
