import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from './frame-codec';
import { FrameSplitter } from './frame-splitter';
import { createRequest, SerializeType } from './remoting-command';

describe('Protocol > frame codec', () => {
  it('encodes the worked GET_ROUTEINFO_BY_TOPIC example byte for byte (ROCKETMQ header)', () => {
    const request = {
      ...createRequest(105, { extFields: { topic: 'TopicTest' }, serializeType: SerializeType.ROCKETMQ }),
      language: 'JAVA',
      opaque: 7,
    };
    const hex = encodeFrame(request).toString('hex');
    expect(hex).toBe(
      '0000002d' +
        '01000029' +
        '0069' +
        '00' +
        '01df' +
        '00000007' +
        '00000000' +
        '00000000' +
        '00000014' +
        '0005' +
        Buffer.from('topic').toString('hex') +
        '00000009' +
        Buffer.from('TopicTest').toString('hex'),
    );
  });

  it('encodes the JSON worked example with Java field order', () => {
    const request = { ...createRequest(105, { extFields: { topic: 'TopicTest' } }), language: 'JAVA', opaque: 7 };
    const frame = encodeFrame(request);
    const header =
      '{"code":105,"extFields":{"topic":"TopicTest"},"flag":0,"language":"JAVA","opaque":7,"serializeTypeCurrentRPC":"JSON","version":479}';
    expect(frame.readInt32BE(0)).toBe(4 + 131);
    expect(frame.readInt32BE(4)).toBe(131);
    expect(frame.subarray(8).toString()).toBe(header);
  });

  it('round-trips through the splitter fed one byte at a time', () => {
    const request = { ...createRequest(310, { extFields: { a: 'g', b: 'T' }, body: Buffer.from('hello') }), opaque: 42 };
    const frame = encodeFrame(request);
    const splitter = new FrameSplitter();
    const frames = [...frame].flatMap((byte) => splitter.push(Buffer.from([byte])));
    expect(frames).toHaveLength(1);
    const decoded = decodeFrame(frames[0] as Buffer);
    expect(decoded.code).toBe(310);
    expect(decoded.opaque).toBe(42);
    expect(decoded.extFields).toEqual({ a: 'g', b: 'T' });
    expect(decoded.body?.toString()).toBe('hello');
  });
});

describe('Protocol > frame codec > JSON headers fastjson accepts', () => {
  const frameOf = (headerText: string): Buffer => {
    const header = Buffer.from(headerText);
    const word = Buffer.alloc(4);
    word.writeUInt32BE(header.length);
    return Buffer.concat([word, header]);
  };

  it('reads single quotes and bare keys, as fastjson does', () => {
    const command = decodeFrame(frameOf(`{code:34,'language':'GO',opaque:5,extFields:{'consumerGroup':'G',queueId:3}}`));
    expect([command.code, command.language, command.opaque, command.extFields]).toEqual([
      34,
      'GO',
      5,
      { consumerGroup: 'G', queueId: '3' },
    ]);
  });

  it('keeps every digit of a long written as a bare number in extFields', () => {
    const command = decodeFrame(frameOf(`{"code":11,"extFields":{"subVersion":1796644820944235133,"queueOffset":-9223372036854775808}}`));
    expect(command.extFields).toEqual({ subVersion: '1796644820944235133', queueOffset: '-9223372036854775808' });
  });

  it('still refuses what no JSON reader accepts', () => {
    expect(() => decodeFrame(frameOf(`{"code":11,`))).toThrow(/header is not valid JSON/);
  });
});
