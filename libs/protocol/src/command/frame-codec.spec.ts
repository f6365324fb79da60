import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from './frame-codec';
import { FrameSplitter } from './frame-splitter';
import { createRequest, SerializeType } from './remoting-command';

describe('Protocol > frame codec', () => {
  it('encodes the worked example of the design note byte for byte (ROCKETMQ header)', () => {
    const request = { ...createRequest(105, { extFields: { topic: 'TopicTest' }, serializeType: SerializeType.ROCKETMQ }), language: 'JAVA', opaque: 7 };
    const hex = encodeFrame(request).toString('hex');
    expect(hex).toBe(
      '0000002d' + '01000029' + '0069' + '00' + '01df' + '00000007' + '00000000' + '00000000' + '00000014' +
        '0005' + Buffer.from('topic').toString('hex') + '00000009' + Buffer.from('TopicTest').toString('hex'),
    );
  });

  it('encodes the JSON worked example with Java field order', () => {
    const request = { ...createRequest(105, { extFields: { topic: 'TopicTest' } }), language: 'JAVA', opaque: 7 };
    const frame = encodeFrame(request);
    const header = '{"code":105,"extFields":{"topic":"TopicTest"},"flag":0,"language":"JAVA","opaque":7,"serializeTypeCurrentRPC":"JSON","version":479}';
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
