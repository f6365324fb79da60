import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyError } from './body-error';
import { BodyReader, describeJsonValue, toSafeInteger } from './body-fields';

/**
 * HEART_BEAT (34) request body (docs/remoting-protocol.md#requests-the-broker-serves). JSON, sorted keys:
 *   {"clientID":"ip@pid#nanos","consumerDataSet":[ConsumerData],"heartbeatFingerprint":0,
 *    "producerDataSet":[{"groupName":"G"}],"withoutSub":false}
 * ConsumerData:
 *   {"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"G",
 *    "messageModel":"CLUSTERING","subscriptionDataSet":[SubscriptionData],"unitMode":false}
 * SubscriptionData:
 *   {"classFilterMode":false,"codeSet":[hash],"expressionType":"TAG","subString":"*",
 *    "subVersion":ms,"tagsSet":["a"],"topic":"T"}
 *
 * Client quirks the decoder absorbs: GO sends codeSet entries as strings, ali-ons omits
 * expressionType (TAG), heartbeatFingerprint and withoutSub (V1 heartbeat), older clients omit
 * consumeFromWhere. Unknown enum names are kept as sent.
 */
export interface SubscriptionData {
  readonly topic: string;
  readonly subString: string;
  readonly tagsSet: readonly string[];
  readonly codeSet: readonly number[];
  /**
   * When the subscription was made: Java sends ms, GO nanoseconds (19 digits). A token long,
   * exact over the whole range (docs/remoting-protocol.md#java-long-fields); a newer value
   * means the subscription changed.
   */
  readonly subVersion: bigint;
  readonly expressionType: string;
  readonly classFilterMode: boolean;
}

export interface ConsumerData {
  readonly groupName: string;
  /** CONSUME_ACTIVELY (pull) | CONSUME_PASSIVELY (push) | CONSUME_POP */
  readonly consumeType: string;
  /** CLUSTERING | BROADCASTING */
  readonly messageModel: string;
  readonly consumeFromWhere: string;
  readonly subscriptionDataSet: readonly SubscriptionData[];
  readonly unitMode: boolean;
}

export interface ProducerData {
  readonly groupName: string;
}

export interface HeartbeatData {
  readonly clientID: string;
  readonly producerDataSet: readonly ProducerData[];
  readonly consumerDataSet: readonly ConsumerData[];
  /** Java 5.x V2 heartbeat; 0 when absent. */
  readonly heartbeatFingerprint: number;
  /** V2: subscriptions left out because they did not change since the last heartbeat. */
  readonly withoutSub: boolean;
}

const NAME = 'HeartbeatData';

export const HeartbeatData = {
  encode(data: HeartbeatData): Buffer {
    return writeJsonBuffer({
      clientID: data.clientID,
      consumerDataSet: data.consumerDataSet.map((consumer) => ({
        ...consumer,
        subscriptionDataSet: consumer.subscriptionDataSet.map((sub) => ({ ...sub })),
      })),
      heartbeatFingerprint: data.heartbeatFingerprint,
      producerDataSet: data.producerDataSet.map((producer) => ({ groupName: producer.groupName })),
      withoutSub: data.withoutSub,
    });
  },

  decode(bytes: Buffer | string): HeartbeatData {
    const { data, rejected } = HeartbeatData.decodeGroups(bytes);
    const [first] = rejected;
    if (first !== undefined) throw first;
    return data;
  },

  /**
   * As a broker reads a heartbeat: each producer and consumer group on its own, so one malformed
   * group entry costs that group alone, and the others on the connection keep working. Only a
   * body whose envelope (clientID, the two lists) cannot be read throws.
   */
  decodeGroups(bytes: Buffer | string): { readonly data: HeartbeatData; readonly rejected: readonly BodyError[] } {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const rejected: BodyError[] = [];
    const each = <T>(key: string, decode: (value: JsonValue, path: string) => T): T[] =>
      fields.array(key).flatMap((value, index) => {
        try {
          return [decode(value, `$.${key}[${index}]`)];
        } catch (error) {
          if (!(error instanceof BodyError)) throw error;
          rejected.push(error);
          return [];
        }
      });
    const data: HeartbeatData = {
      clientID: fields.string('clientID'),
      producerDataSet: each('producerDataSet', (value, path) => ({ groupName: BodyReader.of(NAME, value, path).string('groupName') })),
      consumerDataSet: each('consumerDataSet', decodeConsumerData),
      heartbeatFingerprint: fields.integer('heartbeatFingerprint', 0),
      withoutSub: fields.boolean('withoutSub', false),
    };
    return { data, rejected };
  },
};

function decodeConsumerData(value: JsonValue, path: string): ConsumerData {
  const fields = BodyReader.of(NAME, value, path);
  return {
    groupName: fields.string('groupName'),
    consumeType: fields.string('consumeType', 'CONSUME_PASSIVELY'),
    messageModel: fields.string('messageModel', 'CLUSTERING'),
    consumeFromWhere: fields.string('consumeFromWhere', 'CONSUME_FROM_LAST_OFFSET'),
    subscriptionDataSet: fields
      .array('subscriptionDataSet')
      .map((sub, index) => decodeSubscriptionData(sub, `${path}.subscriptionDataSet[${index}]`)),
    unitMode: fields.boolean('unitMode', false),
  };
}

export function decodeSubscriptionData(value: JsonValue, path = '$'): SubscriptionData {
  const fields = BodyReader.of(NAME, value, path);
  const codeSet = fields.array('codeSet').map((code, index) => {
    // GO writes the tag hashes as JSON strings.
    const number = toSafeInteger(code);
    return number ?? fields.fail(`codeSet[${index}]`, `expected an integer, got ${describeJsonValue(code)}`);
  });
  return {
    topic: fields.string('topic'),
    subString: fields.string('subString', '*'),
    tagsSet: fields.stringArray('tagsSet'),
    codeSet,
    subVersion: fields.exactLong('subVersion', 0n),
    expressionType: fields.string('expressionType', 'TAG'),
    classFilterMode: fields.boolean('classFilterMode', false),
  };
}
