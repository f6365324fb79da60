import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { MessageSysFlag } from '@rocketmq-ts/model';

import { compressBody, DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH } from './compression';

describe('Client > Producer > body compression', () => {
  it('leaves bodies up to the threshold alone', () => {
    const body = Buffer.alloc(DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH, 0x61);
    expect(compressBody(body, DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH)).toEqual({ body, sysFlag: 0 });
  });

  it('deflates a larger body into a zlib stream and flags it COMPRESSED', () => {
    const body = Buffer.alloc(DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH + 1, 0x61);
    const compressed = compressBody(body, DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH);
    expect(compressed.sysFlag).toBe(MessageSysFlag.COMPRESSED);
    expect(compressed.body.length).toBeLessThan(100);
    // zlib header (CMF 0x78) as Java's Deflater writes it.
    expect(compressed.body[0]).toBe(0x78);
    expect(inflateSync(compressed.body)).toEqual(body);
  });

  it('sends incompressible bodies as they are', () => {
    const body = randomBytes(DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH * 2);
    expect(compressBody(body, DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH)).toEqual({ body, sysFlag: 0 });
  });
});
