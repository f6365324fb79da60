import type { JsonValue } from '../json/json-value';
import { BodyReader } from './body-fields';

/**
 * One client connection as admin bodies list it (Java's protocol.body.Connection), fastjson
 * getters alphabetically: {"clientAddr":"ip:port","clientId":"ip@pid#n","language":"JAVA","version":n}
 */
export interface ClientConnection {
  readonly clientId: string;
  /** `ip:port` of the client as the broker sees the connection. */
  readonly clientAddr: string;
  /** LanguageCode name: JAVA, GO, CPP, NODE_JS, … */
  readonly language: string;
  /** MQVersion ordinal the client reported. */
  readonly version: number;
}

export const ClientConnectionJson = {
  toJson(connection: ClientConnection): { clientAddr: string; clientId: string; language: string; version: number } {
    return { clientAddr: connection.clientAddr, clientId: connection.clientId, language: connection.language, version: connection.version };
  },

  fromJson(bodyName: string, value: JsonValue, path: string): ClientConnection {
    const fields = BodyReader.of(bodyName, value, path);
    return {
      clientId: fields.string('clientId', ''),
      clientAddr: fields.string('clientAddr', ''),
      language: fields.string('language', 'JAVA'),
      version: fields.integer('version', 0),
    };
  },
};
