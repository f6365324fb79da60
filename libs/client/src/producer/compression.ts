import { deflateSync } from 'node:zlib';

import { MessageSysFlag } from '@rocketmq-ts/model';

/** Java's compressMsgBodyOverHowmuch: bodies above this many bytes are deflated. */
export const DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH = 4 * 1024;
/** Java's compressLevel (rocketmq.message.compressLevel). */
export const DEFAULT_COMPRESS_LEVEL = 5;

export interface CompressedBody {
  readonly body: Buffer;
  /** MessageSysFlag bits for the send header: COMPRESSED when the body was deflated. */
  readonly sysFlag: number;
}

/**
 * A body over the threshold as a zlib stream (what every RocketMQ consumer inflates when sysFlag
 * bit 0 is set; bits 8-10 stay 0, which all clients read as zlib). Kept as is when deflating
 * would not make it smaller, as with already compressed payloads.
 */
export function compressBody(body: Buffer, overHowmuch: number, level: number = DEFAULT_COMPRESS_LEVEL): CompressedBody {
  if (body.length <= overHowmuch) return { body, sysFlag: 0 };
  const deflated = deflateSync(body, { level });
  if (deflated.length >= body.length) return { body, sysFlag: 0 };
  return { body: deflated, sysFlag: MessageSysFlag.COMPRESSED };
}
