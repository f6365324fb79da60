import type { MessageExt } from '@rocketmq-ts/client';

/** How much of a body a detail view carries; the rest is counted, not sent (4 MiB bodies stay on the broker). */
const DETAIL_BODY_BYTES = 64 * 1024;
const HEX_BYTES = 4096;
const LIST_PREVIEW_CHARS = 120;

export interface BodyPreview {
  readonly size: number;
  /** The body as UTF-8 when it decodes cleanly without control characters (besides tab and newlines). */
  readonly text?: string;
  /** Pretty-printed when the text parses as JSON. */
  readonly json?: string;
  /** Hex dump of the first bytes, 16 a line with offsets and ASCII. */
  readonly hex: string;
  readonly truncated: boolean;
}

export interface MessageSummary {
  readonly msgId: string;
  readonly offsetMsgId: string;
  readonly topic: string;
  readonly tags?: string;
  readonly keys: readonly string[];
  readonly brokerName: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly storeTimestamp: number;
  readonly bornTimestamp: number;
  readonly reconsumeTimes: number;
  readonly bodySize: number;
  readonly bodyPreview: string;
}

export interface MessageDetail extends MessageSummary {
  readonly bornHost: string;
  readonly storeHost: string;
  readonly commitLogOffset: number;
  readonly properties: Readonly<Record<string, string>>;
  readonly body: BodyPreview;
}

export function summaryOf(message: MessageExt): MessageSummary {
  const text = textOf(message.body.subarray(0, LIST_PREVIEW_CHARS * 4));
  return {
    msgId: message.msgId,
    offsetMsgId: message.offsetMsgId,
    topic: message.topic,
    ...(message.tags === undefined ? {} : { tags: message.tags }),
    keys: message.keys,
    brokerName: message.brokerName,
    queueId: message.queueId,
    queueOffset: message.queueOffset,
    storeTimestamp: message.storeTimestamp,
    bornTimestamp: message.bornTimestamp,
    reconsumeTimes: message.reconsumeTimes,
    bodySize: message.body.length,
    bodyPreview: text === undefined ? `(${message.body.length} bytes, binary)` : text.slice(0, LIST_PREVIEW_CHARS),
  };
}

export function detailOf(message: MessageExt): MessageDetail {
  return {
    ...summaryOf(message),
    bornHost: message.bornHost,
    storeHost: message.storeHost,
    commitLogOffset: message.commitLogOffset,
    properties: message.properties,
    body: previewBody(message.body),
  };
}

export function previewBody(body: Buffer): BodyPreview {
  const shown = body.subarray(0, DETAIL_BODY_BYTES);
  const text = textOf(shown);
  let json: string | undefined;
  if (text !== undefined && shown.length === body.length) {
    try {
      json = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      json = undefined;
    }
  }
  return {
    size: body.length,
    ...(text === undefined ? {} : { text }),
    ...(json === undefined ? {} : { json }),
    hex: hexDump(body.subarray(0, HEX_BYTES)),
    truncated: body.length > shown.length,
  };
}

function textOf(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A cut in the middle of a multi-byte character is still text.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    if (lenient.slice(0, -1).includes('\uFFFD')) return undefined;
    text = lenient.replace(/\uFFFD$/, '');
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text) ? undefined : text;
}

export function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = [...row].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}
