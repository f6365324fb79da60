import type { JsonValue } from '../json/json-value';
import { type BodyReader, describeJsonValue, toQuantityLong } from './body-fields';

/**
 * `brokerAddrs`: Java's Map<Long brokerId, String "ip:port">. fastjson writes the ids as bare
 * numbers (`{0:"10.0.0.1:10911",1:"10.0.0.2:10911"}`); standard JSON quotes them. We emit ids in
 * ascending order, which is what a Java HashMap of small Longs iterates in, and read either form.
 */
export function brokerAddrsToJson(addrs: ReadonlyMap<number, string>): Map<number, string> {
  return new Map([...addrs].sort(([left], [right]) => left - right));
}

export function brokerAddrsFromJson(fields: BodyReader, key = 'brokerAddrs'): Map<number, string> {
  const addrs = new Map<number, string>();
  for (const [id, addr] of fields.entries(key)) {
    const brokerId = toQuantityLong(id as JsonValue);
    if (brokerId === undefined) fields.fail(key, `broker id is ${describeJsonValue(id)}`);
    if (typeof addr !== 'string') fields.fail(key, `address of broker ${brokerId} is ${describeJsonValue(addr)}`);
    addrs.set(brokerId, addr);
  }
  return addrs;
}
