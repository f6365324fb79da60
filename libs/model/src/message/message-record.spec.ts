// Proves the record codec against the layout table of docs/remoting-protocol.md#message-records: the expected bytes are
// assembled field by field in this file (BigInt for longs, no code shared with the encoder), for
// V1 and V2 magic and for IPv4 and IPv6 hosts, then compared with what the encoder writes and
// with what the decoder reads back.
import { crc32Positive } from '@rocketmq-ts/base';
import { describe, expect, it } from 'vitest';

import { decodeMessageRecord } from './message-record-decoder';
import {
  encodeMessageRecord,
  encodeMessageRecordInto,
  type MessageRecordFields,
  MessageRecordPosition,
  messageRecordSize,
  messageRecordSizeOf,
  storeTimestampPosition,
} from './message-record';
import { MessageEncodeError } from './model-errors';

const int8 = (value: number): Buffer => Buffer.from([value & 0xff]);
const int16 = (value: number): Buffer => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number): Buffer => Buffer.from([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
const int64 = (value: bigint): Buffer => {
  const bytes = Buffer.alloc(8);
  for (let i = 7, rest = BigInt.asUintN(64, value); i >= 0; i--, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  return bytes;
};

const body = Buffer.from('Hello RocketMQ 0');
const properties = 'TAGS\u0001TagA\u0002UNIQ_KEY\u0001C0A8010A1F2018B4AAC20D8D4A340000\u0002WAIT\u0001true\u0002';
const ipv4Born = { ip: Uint8Array.from([192, 168, 1, 10]), port: 52344 };
const ipv4Store = { ip: Uint8Array.from([10, 2, 223, 165]), port: 10911 };
const ipv6Born = { ip: Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]), port: 40000 };
const ipv6Store = { ip: Uint8Array.from([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x42, 0xac, 0xff, 0xfe, 0x11, 0, 0x02]), port: 10911 };

function fields(overrides: Partial<MessageRecordFields> = {}): MessageRecordFields {
  return {
    queueId: 3,
    flag: -7,
    queueOffset: 123_456,
    physicalOffset: 0x1_63e6_0adb,
    sysFlag: 0x8,
    bornTimestamp: 1_700_000_000_123,
    bornHost: ipv4Born,
    storeTimestamp: 1_700_000_000_456,
    storeHost: ipv4Store,
    reconsumeTimes: 2,
    preparedTransactionOffset: 77,
    body,
    topic: 'TopicTest',
    properties,
    ...overrides,
  };
}

/** The table of docs/remoting-protocol.md#message-records, row by row. */
function expectedRecord(options: { magic: number; topic: string; born: Buffer; store: Buffer; sysFlag: number }): Buffer {
  const topic = Buffer.from(options.topic);
  const props = Buffer.from(properties);
  const rest = [
    int32(options.magic), // 2 MAGICCODE
    int32(crc32Positive(body)), // 3 BODYCRC
    int32(3), // 4 QUEUEID
    int32(-7), // 5 FLAG
    int64(123_456n), // 6 QUEUEOFFSET
    int64(0x1_63e6_0adbn), // 7 PHYSICALOFFSET
    int32(options.sysFlag), // 8 SYSFLAG
    int64(1_700_000_000_123n), // 9 BORNTIMESTAMP
    options.born, // 10 BORNHOST
    int64(1_700_000_000_456n), // 11 STORETIMESTAMP
    options.store, // 12 STOREHOST
    int32(2), // 13 RECONSUMETIMES
    int64(77n), // 14 PREPAREDTRANSACTIONOFFSET
    int32(body.length),
    body, // 15 BODY
    options.magic >>> 0 === 0xdaa320a7 ? int8(topic.length) : int16(topic.length),
    topic, // 16 TOPIC
    int16(props.length),
    props, // 17 PROPERTIES
  ];
  const size = 4 + rest.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([int32(size), ...rest]); // 1 TOTALSIZE
}

const hostBytes = (host: { ip: Uint8Array; port: number }): Buffer => Buffer.concat([Buffer.from(host.ip), int32(host.port)]);

describe('Model > message record > golden bytes', () => {
  it('V1 with IPv4 hosts: 91 + body + topic + properties bytes, byte for byte', () => {
    const expected = expectedRecord({
      magic: 0xdaa320a7,
      topic: 'TopicTest',
      born: hostBytes(ipv4Born),
      store: hostBytes(ipv4Store),
      sysFlag: 0x8,
    });
    const encoded = encodeMessageRecord(fields());
    expect(encoded.toString('hex')).toBe(expected.toString('hex'));
    expect(encoded.length).toBe(91 + body.length + 'TopicTest'.length + Buffer.byteLength(properties));
    expect(encoded.readInt32BE(4)).toBe(-626843481);
  });

  it('V2 with IPv6 hosts sets both IPv6 sysFlag bits and a 2-byte topic length', () => {
    const expected = expectedRecord({
      magic: 0xdaa320ab,
      topic: 'TopicTest',
      born: hostBytes(ipv6Born),
      store: hostBytes(ipv6Store),
      sysFlag: 0x38,
    });
    const encoded = encodeMessageRecord(fields({ version: 2, bornHost: ipv6Born, storeHost: ipv6Store }));
    expect(encoded.toString('hex')).toBe(expected.toString('hex'));
  });

  it('mixes an IPv6 born host with an IPv4 store host (bit 0x10 only)', () => {
    const expected = expectedRecord({
      magic: 0xdaa320a7,
      topic: 'TopicTest',
      born: hostBytes(ipv6Born),
      store: hostBytes(ipv4Store),
      sysFlag: 0x18,
    });
    expect(encodeMessageRecord(fields({ bornHost: ipv6Born })).equals(expected)).toBe(true);
  });

  it('picks V2 by itself only when the topic passes 127 bytes', () => {
    const longTopic = `%RETRY%${'g'.repeat(121)}`;
    expect(longTopic.length).toBe(128);
    const expected = expectedRecord({
      magic: 0xdaa320ab,
      topic: longTopic,
      born: hostBytes(ipv4Born),
      store: hostBytes(ipv4Store),
      sysFlag: 0x8,
    });
    expect(encodeMessageRecord(fields({ topic: longTopic })).equals(expected)).toBe(true);
    expect(encodeMessageRecord(fields({ topic: 'g'.repeat(127) })).readUInt32BE(4)).toBe(0xdaa320a7);
  });

  it('decodes the hand-built golden records back to the same fields, with the body as a view', () => {
    const golden = expectedRecord({
      magic: 0xdaa320ab,
      topic: 'TopicTest',
      born: hostBytes(ipv6Born),
      store: hostBytes(ipv4Store),
      sysFlag: 0x18,
    });
    const record = decodeMessageRecord(golden);
    expect(record).toMatchObject({
      version: 2,
      totalSize: golden.length,
      queueId: 3,
      flag: -7,
      queueOffset: 123_456,
      physicalOffset: 0x1_63e6_0adb,
    });
    expect(record).toMatchObject({ sysFlag: 0x18, bornTimestamp: 1_700_000_000_123, storeTimestamp: 1_700_000_000_456, reconsumeTimes: 2 });
    expect(record.preparedTransactionOffset).toBe(77);
    expect(record.bodyCrc).toBe(crc32Positive(body));
    expect(Buffer.from(record.bornHost.ip)).toEqual(Buffer.from(ipv6Born.ip));
    expect(record.bornHost.port).toBe(40000);
    expect(Buffer.from(record.storeHost.ip)).toEqual(Buffer.from(ipv4Store.ip));
    expect(record.topic).toBe('TopicTest');
    expect(record.properties.toString()).toBe(properties);
    expect(record.body.toString()).toBe('Hello RocketMQ 0');
    expect(record.body.buffer).toBe(golden.buffer);
  });
});

describe('Model > message record > encoder', () => {
  it('writes into a caller buffer at an offset and leaves the bytes around it alone', () => {
    const size = messageRecordSize(fields());
    const target = Buffer.alloc(size + 20, 0xee);
    expect(encodeMessageRecordInto(target, 10, fields())).toBe(size);
    expect(target.subarray(10, 10 + size).equals(encodeMessageRecord(fields()))).toBe(true);
    expect([...target.subarray(0, 10), ...target.subarray(10 + size)].every((byte) => byte === 0xee)).toBe(true);
  });

  it('sizes records like the table: fixed 91 bytes plus 12 per IPv6 host and 1 more for V2', () => {
    const shape = { bodyBytes: 10, topicBytes: 5, propertiesBytes: 3, bornHostIpv6: false, storeHostIpv6: false, version: 1 as const };
    expect(messageRecordSizeOf(shape)).toBe(109);
    expect(messageRecordSizeOf({ ...shape, bornHostIpv6: true, storeHostIpv6: true, version: 2 })).toBe(109 + 24 + 1);
  });

  it('exports the positions the store patches in place', () => {
    const encoded = encodeMessageRecord(fields());
    expect(MessageRecordPosition.PHYSICAL_OFFSET).toBe(28);
    expect(encoded.readUInt32BE(MessageRecordPosition.PHYSICAL_OFFSET + 4)).toBe(0x63e6_0adb);
    expect(storeTimestampPosition(0)).toBe(56);
    expect(storeTimestampPosition(0x10)).toBe(68);
    expect(Number(encoded.readBigInt64BE(storeTimestampPosition(0)))).toBe(1_700_000_000_456);
  });

  it('derives the IPv6 sysFlag bits from the hosts, whatever the caller passed', () => {
    const encoded = encodeMessageRecord(fields({ sysFlag: 0x31 }));
    expect(encoded.readInt32BE(MessageRecordPosition.SYS_FLAG)).toBe(0x01);
  });

  it('takes properties as bytes and a precomputed body CRC', () => {
    const encoded = encodeMessageRecord(fields({ properties: Buffer.from(properties), bodyCrc: 12345 }));
    expect(encoded.readInt32BE(MessageRecordPosition.BODY_CRC)).toBe(12345);
    expect(decodeMessageRecord(encoded).properties.toString()).toBe(properties);
  });

  it.each([
    ['a V1 topic over 127 bytes', fields({ version: 1, topic: 't'.repeat(128) })],
    ['properties over 32767 bytes', fields({ properties: 'x'.repeat(32768) })],
    ['an unsafe 64-bit offset', fields({ physicalOffset: 2 ** 53 })],
    ['a fractional queue id', fields({ queueId: 1.5 })],
    ['a 5-byte address', fields({ storeHost: { ip: new Uint8Array(5), port: 1 } })],
  ])('rejects %s with MessageEncodeError and writes nothing', (_name, bad) => {
    const target = Buffer.alloc(70_000, 0xee);
    expect(() => encodeMessageRecordInto(target, 0, bad)).toThrow(MessageEncodeError);
    expect(target.every((byte) => byte === 0xee)).toBe(true);
  });

  it('rejects a target too small for the record', () => {
    const size = messageRecordSize(fields());
    expect(() => encodeMessageRecordInto(Buffer.alloc(size), 1, fields())).toThrow(MessageEncodeError);
  });
});
