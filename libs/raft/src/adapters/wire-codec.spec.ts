import { describe, expect, it } from 'vitest';

import type { RaftMessage } from '../messages';
import { decodeBody, encodeFrame, FrameReader, RaftCodecError } from './wire-codec';

const samples: RaftMessage[] = [
  { type: 'vote-request', from: 'n1', preVote: true, term: 7, lastLogIndex: 2 ** 40 + 3, lastLogTerm: 6 },
  { type: 'vote-reply', from: 'n2', preVote: false, term: 7, granted: true },
  {
    type: 'append-request',
    from: 'n1',
    term: 8,
    prevLogIndex: 10,
    prevLogTerm: 7,
    leaderCommit: 9,
    entries: [
      { index: 11, term: 8, kind: 'noop', data: new Uint8Array(0) },
      { index: 12, term: 8, kind: 'command', data: new Uint8Array([1, 2, 3]) },
    ],
  },
  { type: 'append-reply', from: 'n3', term: 8, success: false, matchIndex: 0, retryFrom: 5 },
  { type: 'snapshot-request', from: 'n1', term: 9, lastIncludedIndex: 100, lastIncludedTerm: 8, data: new Uint8Array([9, 9]) },
];

describe('raft wire codec', () => {
  it('round-trips every message type, split across arbitrary chunk boundaries', () => {
    const stream = Buffer.concat(samples.map(encodeFrame));
    const reader = new FrameReader();
    const decoded: RaftMessage[] = [];
    for (let offset = 0; offset < stream.length; offset += 7)
      for (const body of reader.push(stream.subarray(offset, offset + 7))) decoded.push(decodeBody(body));
    expect(decoded).toEqual(samples);
  });

  it('rejects malformed bodies and out-of-bounds lengths with a RaftCodecError', () => {
    const frame = encodeFrame(samples[2] as RaftMessage);
    expect(() => decodeBody(frame.subarray(4, frame.length - 1))).toThrow(RaftCodecError);
    expect(() => decodeBody(Buffer.concat([frame.subarray(4), Buffer.from([0])]))).toThrow(/trailing/);
    expect(() => decodeBody(Buffer.from([42, 0, 0, 0, 0]))).toThrow(RaftCodecError);
    expect(() => new FrameReader(1024).push(Buffer.from([0, 0, 8, 0, 1]))).toThrow(/frame length/);
  });
});
