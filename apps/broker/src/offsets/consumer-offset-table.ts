import { BodyReader, readJson, toQuantityLong, writeJson } from '@rocketmq-ts/protocol';

/** `topic@group` → queueId → committed offset, the in-memory form of consumerOffset.json. */
export type ConsumerOffsetTable = Map<string, Map<number, number>>;

/** The key Java uses; topic and group names cannot contain `@`, so it splits back unambiguously. */
export const TOPIC_GROUP_SEPARATOR = '@';

export function topicGroupKey(topic: string, group: string): string {
  return `${topic}${TOPIC_GROUP_SEPARATOR}${group}`;
}

export function splitTopicGroupKey(key: string): { readonly topic: string; readonly group: string } | undefined {
  const at = key.indexOf(TOPIC_GROUP_SEPARATOR);
  if (at <= 0 || at === key.length - 1) return undefined;
  return { topic: key.slice(0, at), group: key.slice(at + 1) };
}

/**
 * fastjson's form of ConsumerOffsetSerializeWrapper (docs/remoting-protocol.md#json-bodies): queue ids are Integer map
 * keys, so they are written bare — `{"offsetTable":{"T@G":{0:12,1:7}}}` — which a Java broker
 * reads back when the file is carried over.
 */
export function encodeConsumerOffsetTable(table: ConsumerOffsetTable): string {
  return writeJson({ offsetTable: table });
}

/**
 * Reads what Java or we wrote, quoted or bare queue-id keys alike. Entries that do not parse as
 * `topic@group` → int → long are skipped rather than failing the broker's start.
 */
export function decodeConsumerOffsetTable(text: string): ConsumerOffsetTable {
  const table: ConsumerOffsetTable = new Map();
  const fields = BodyReader.of('consumerOffset.json', readJson(text));
  const groups = fields.child('offsetTable');
  for (const [key] of fields.stringKeyedEntries('offsetTable')) {
    if (splitTopicGroupKey(key) === undefined) continue;
    const queues = new Map<number, number>();
    for (const [queueIdText, offsetValue] of groups.stringKeyedEntries(key)) {
      const queueId = Number(queueIdText);
      const offset = toQuantityLong(offsetValue);
      if (Number.isInteger(queueId) && offset !== undefined) queues.set(queueId, offset);
    }
    table.set(key, queues);
  }
  return table;
}
