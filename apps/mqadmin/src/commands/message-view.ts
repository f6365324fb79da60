import type { MessageExt } from '@rocketmq-ts/client';

import { humanTime, renderFields } from '../cli/table';

/** A message for --json: the body as UTF-8 text and as base64 (it may be binary). */
export function messageJson(message: MessageExt): Record<string, unknown> {
  const { body, ...rest } = message;
  return { ...rest, body: body.toString('utf8'), bodyBase64: body.toString('base64') };
}

/** One message in full, the fields in the order Java's queryMsgById prints them. */
export function messageDetail(message: MessageExt): string {
  return renderFields([
    ['OffsetID:', message.offsetMsgId],
    ['MsgId:', message.msgId],
    ['Topic:', message.topic],
    ['Tags:', `[${message.tags ?? ''}]`],
    ['Keys:', `[${message.keys.join(' ')}]`],
    ['Broker Name:', message.brokerName],
    ['Queue ID:', message.queueId],
    ['Queue Offset:', message.queueOffset],
    ['CommitLog Offset:', message.commitLogOffset],
    ['Reconsume Times:', message.reconsumeTimes],
    ['Born Timestamp:', humanTime(message.bornTimestamp)],
    ['Store Timestamp:', humanTime(message.storeTimestamp)],
    ['Born Host:', message.bornHost],
    ['Store Host:', message.storeHost],
    ['System Flag:', message.sysFlag],
    ['Properties:', JSON.stringify(message.properties)],
    ['Message Body:', printableBody(message.body)],
  ]);
}

/** The body as text when it is UTF-8 without control characters, else a byte count. */
export function printableBody(body: Buffer): string {
  const text = body.toString('utf8');
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  return Buffer.from(text, 'utf8').equals(body) && !/[\u0000-\u0008\u000e-\u001f]/.test(text) ? text : `<${body.length} bytes of binary>`;
}
