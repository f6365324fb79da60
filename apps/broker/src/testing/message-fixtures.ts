import { encodeMessageProperties, javaStringHashCode, MessageConst } from '@rocketmq-ts/model';
import type { MessageToStore } from '@rocketmq-ts/store';

export const LOCALHOST = { ip: Uint8Array.from([127, 0, 0, 1]), port: 10911 };

export interface FixtureMessage {
  readonly topic: string;
  readonly queueId?: number;
  readonly body?: string;
  readonly tags?: string;
  readonly keys?: string;
  readonly uniqKey?: string;
  readonly properties?: Readonly<Record<string, string>>;
  readonly reconsumeTimes?: number;
}

/** A MessageToStore as the send processor would build it, for specs. */
export function fixtureMessage(message: FixtureMessage): MessageToStore {
  const properties: Record<string, string | undefined> = {
    [MessageConst.PROPERTY_TAGS]: message.tags,
    [MessageConst.PROPERTY_KEYS]: message.keys,
    [MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX]: message.uniqKey,
    ...message.properties,
  };
  return {
    topic: message.topic,
    queueId: message.queueId ?? 0,
    flag: 0,
    body: Buffer.from(message.body ?? 'hello'),
    properties: encodeMessageProperties(properties),
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: { ip: Uint8Array.from([127, 0, 0, 1]), port: 50000 },
    storeHost: LOCALHOST,
    reconsumeTimes: message.reconsumeTimes ?? 0,
    preparedTransactionOffset: 0,
    tagsCode: message.tags === undefined ? 0 : javaStringHashCode(message.tags),
    keys: message.keys,
    uniqKey: message.uniqKey,
    waitStoreMsgOK: true,
  };
}
