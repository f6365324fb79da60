import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { DataVersion } from './data-version';

/**
 * A consumer group's broker-side settings: the UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) body,
 * the values of subscriptionGroup.json and of the GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) reply
 * (docs/remoting-protocol.md#requests-the-broker-serves). JSON, sorted keys, Java defaults for whatever a sender leaves out:
 *   {"attributes":{},"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,
 *    "consumeFromMinEnable":true,"consumeMessageOrderly":false,"consumeTimeoutMinute":15,
 *    "groupName":"G","groupSysFlag":0,"notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,
 *    "retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}
 * `groupRetryPolicy` and `subscriptionDataSet` are carried through as opaque JSON.
 */
export interface SubscriptionGroupConfig {
  readonly groupName: string;
  readonly consumeEnable: boolean;
  readonly consumeFromMinEnable: boolean;
  readonly consumeBroadcastEnable: boolean;
  readonly consumeMessageOrderly: boolean;
  readonly retryQueueNums: number;
  readonly retryMaxTimes: number;
  readonly brokerId: number;
  readonly whichBrokerWhenConsumeSlowly: number;
  readonly notifyConsumerIdsChangedEnable: boolean;
  readonly groupSysFlag: number;
  readonly consumeTimeoutMinute: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly groupRetryPolicy?: JsonValue;
  readonly subscriptionDataSet?: JsonValue;
}

const NAME = 'SubscriptionGroupConfig';

export function createSubscriptionGroupConfig(
  groupName: string,
  overrides: Partial<Omit<SubscriptionGroupConfig, 'groupName'>> = {},
): SubscriptionGroupConfig {
  return {
    groupName,
    consumeEnable: true,
    consumeFromMinEnable: true,
    consumeBroadcastEnable: true,
    consumeMessageOrderly: false,
    retryQueueNums: 1,
    retryMaxTimes: 16,
    brokerId: 0,
    whichBrokerWhenConsumeSlowly: 1,
    notifyConsumerIdsChangedEnable: true,
    groupSysFlag: 0,
    consumeTimeoutMinute: 15,
    attributes: {},
    ...overrides,
  };
}

export const SubscriptionGroupConfig = {
  encode(config: SubscriptionGroupConfig): Buffer {
    return writeJsonBuffer(SubscriptionGroupConfig.toJson(config));
  },

  decode(bytes: Buffer | string): SubscriptionGroupConfig {
    return SubscriptionGroupConfig.fromJson(readJson(bytes));
  },

  toJson(config: SubscriptionGroupConfig): { readonly [key: string]: JsonValue | undefined } {
    return { ...config, attributes: { ...config.attributes } };
  },

  fromJson(value: JsonValue, path = '$', fallbackName?: string): SubscriptionGroupConfig {
    const fields = BodyReader.of(NAME, value, path);
    const defaults = createSubscriptionGroupConfig(fields.string('groupName', fallbackName));
    const attributes: Record<string, string> = {};
    for (const [key, attribute] of fields.stringKeyedEntries('attributes')) if (typeof attribute === 'string') attributes[key] = attribute;
    return {
      groupName: defaults.groupName,
      consumeEnable: fields.boolean('consumeEnable', defaults.consumeEnable),
      consumeFromMinEnable: fields.boolean('consumeFromMinEnable', defaults.consumeFromMinEnable),
      consumeBroadcastEnable: fields.boolean('consumeBroadcastEnable', defaults.consumeBroadcastEnable),
      consumeMessageOrderly: fields.boolean('consumeMessageOrderly', defaults.consumeMessageOrderly),
      retryQueueNums: fields.integer('retryQueueNums', defaults.retryQueueNums),
      retryMaxTimes: fields.integer('retryMaxTimes', defaults.retryMaxTimes),
      brokerId: fields.long('brokerId', defaults.brokerId),
      whichBrokerWhenConsumeSlowly: fields.long('whichBrokerWhenConsumeSlowly', defaults.whichBrokerWhenConsumeSlowly),
      notifyConsumerIdsChangedEnable: fields.boolean('notifyConsumerIdsChangedEnable', defaults.notifyConsumerIdsChangedEnable),
      groupSysFlag: fields.integer('groupSysFlag', defaults.groupSysFlag),
      consumeTimeoutMinute: fields.integer('consumeTimeoutMinute', defaults.consumeTimeoutMinute),
      attributes,
      groupRetryPolicy: fields.has('groupRetryPolicy') ? fields.raw('groupRetryPolicy') : undefined,
      subscriptionDataSet: fields.has('subscriptionDataSet') ? fields.raw('subscriptionDataSet') : undefined,
    };
  },
};

/**
 * subscriptionGroup.json and the GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) reply:
 *   {"dataVersion":{...},"subscriptionGroupTable":{"<group>":{SubscriptionGroupConfig}}}
 */
export interface SubscriptionGroupWrapper {
  readonly subscriptionGroupTable: ReadonlyMap<string, SubscriptionGroupConfig>;
  readonly dataVersion: DataVersion;
}

export const SubscriptionGroupWrapper = {
  encode(wrapper: SubscriptionGroupWrapper): Buffer {
    const table = new Map([...wrapper.subscriptionGroupTable].map(([group, config]) => [group, SubscriptionGroupConfig.toJson(config)]));
    return writeJsonBuffer({ dataVersion: DataVersion.toJson(wrapper.dataVersion), subscriptionGroupTable: table });
  },

  decode(bytes: Buffer | string): SubscriptionGroupWrapper {
    const fields = BodyReader.of('SubscriptionGroupWrapper', readJson(bytes));
    const subscriptionGroupTable = new Map<string, SubscriptionGroupConfig>();
    for (const [group, config] of fields.stringKeyedEntries('subscriptionGroupTable')) {
      subscriptionGroupTable.set(group, SubscriptionGroupConfig.fromJson(config, `$.subscriptionGroupTable.${group}`, group));
    }
    const dataVersion = fields.has('dataVersion') ? DataVersion.fromJson(fields.raw('dataVersion') ?? null) : DataVersion.ZERO;
    return { subscriptionGroupTable, dataVersion };
  },
};
