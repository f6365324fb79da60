import { BodyReader, readJson, toQuantityLong, writeJson } from '@rocketmq-ts/protocol';

/**
 * delayOffset.json (docs/store-and-ha.md#metadata-files): delay level → next consume-queue offset to deliver from.
 * Java's keys are Integer levels, which fastjson writes bare: `{"offsetTable":{1:5,3:0}}`. Both
 * bare and quoted keys are read; anything else is skipped.
 */
export function encodeDelayOffsetTable(table: ReadonlyMap<number, number>): string {
  return writeJson({ offsetTable: new Map([...table].sort(([left], [right]) => left - right)) });
}

export function decodeDelayOffsetTable(text: string): Map<number, number> {
  const table = new Map<number, number>();
  const fields = BodyReader.of('delayOffset.json', readJson(text));
  for (const [levelText, offsetValue] of fields.stringKeyedEntries('offsetTable')) {
    const level = Number(levelText);
    const offset = toQuantityLong(offsetValue);
    if (Number.isInteger(level) && level > 0 && offset !== undefined && offset >= 0) table.set(level, offset);
  }
  return table;
}
