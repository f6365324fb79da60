import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalInt, optionalString, requireInt, requireLong, requireString } from './header-fields';
import type { SendMessageRequestHeader } from './send-message-request-header';

/**
 * SEND_MESSAGE_V2 (310) / SEND_BATCH_MESSAGE (320) request header: SendMessageRequestHeader with
 * one-letter keys to save bytes on every message (docs/remoting-protocol.md#requests-the-broker-serves):
 *   a producerGroup   b topic          c defaultTopic   d defaultTopicQueueNums (int)
 *   e queueId (int)   f sysFlag (int)  g bornTimestamp (long, ms)   h flag (int)
 *   i properties?     j reconsumeTimes? (int)   k unitMode? (bool)   l maxReconsumeTimes? (int)
 *   m batch? (bool)   n brokerName?
 * a..h are required. ali-ons sends a..l only.
 *
 * Servers mostly want the long-name shape: decodeAsV1 / encodeFromV1 go straight between
 * extFields and SendMessageRequestHeader without building the one-letter object in between.
 */
export interface SendMessageRequestHeaderV2 {
  readonly a: string;
  readonly b: string;
  readonly c: string;
  readonly d: number;
  readonly e: number;
  readonly f: number;
  readonly g: number;
  readonly h: number;
  readonly i?: string;
  readonly j?: number;
  readonly k?: boolean;
  readonly l?: number;
  readonly m?: boolean;
  readonly n?: string;
}

const NAME = 'SendMessageRequestHeaderV2';

export const SendMessageRequestHeaderV2 = {
  encode(header: SendMessageRequestHeaderV2): ExtFields {
    return SendMessageRequestHeaderV2.encodeFromV1(SendMessageRequestHeaderV2.toV1(header));
  },

  decode(ext: ExtFields | undefined): SendMessageRequestHeaderV2 {
    return SendMessageRequestHeaderV2.fromV1(SendMessageRequestHeaderV2.decodeAsV1(ext));
  },

  /** The one-letter extFields of a long-name header (what a Java producer puts on the wire). */
  encodeFromV1(header: SendMessageRequestHeader): ExtFields {
    const ext: ExtFields = {
      a: header.producerGroup,
      b: header.topic,
      c: header.defaultTopic,
      d: String(header.defaultTopicQueueNums),
      e: String(header.queueId),
      f: String(header.sysFlag),
      g: String(header.bornTimestamp),
      h: String(header.flag),
    };
    if (header.properties !== undefined) ext['i'] = header.properties;
    if (header.reconsumeTimes !== undefined) ext['j'] = String(header.reconsumeTimes);
    if (header.unitMode !== undefined) ext['k'] = String(header.unitMode);
    if (header.maxReconsumeTimes !== undefined) ext['l'] = String(header.maxReconsumeTimes);
    if (header.batch !== undefined) ext['m'] = String(header.batch);
    if (header.brokerName !== undefined) ext['n'] = header.brokerName;
    return ext;
  },

  /** Reads one-letter extFields into the long-name header; errors name the one-letter key. */
  decodeAsV1(ext: ExtFields | undefined): SendMessageRequestHeader {
    return {
      producerGroup: requireString(ext, 'a', NAME),
      topic: requireString(ext, 'b', NAME),
      defaultTopic: requireString(ext, 'c', NAME),
      defaultTopicQueueNums: requireInt(ext, 'd', NAME),
      queueId: requireInt(ext, 'e', NAME),
      sysFlag: requireInt(ext, 'f', NAME),
      bornTimestamp: requireLong(ext, 'g', NAME),
      flag: requireInt(ext, 'h', NAME),
      properties: optionalString(ext, 'i'),
      reconsumeTimes: optionalInt(ext, 'j', NAME),
      unitMode: optionalBoolean(ext, 'k'),
      maxReconsumeTimes: optionalInt(ext, 'l', NAME),
      batch: optionalBoolean(ext, 'm'),
      brokerName: optionalString(ext, 'n'),
    };
  },

  toV1(header: SendMessageRequestHeaderV2): SendMessageRequestHeader {
    return {
      producerGroup: header.a,
      topic: header.b,
      defaultTopic: header.c,
      defaultTopicQueueNums: header.d,
      queueId: header.e,
      sysFlag: header.f,
      bornTimestamp: header.g,
      flag: header.h,
      properties: header.i,
      reconsumeTimes: header.j,
      unitMode: header.k,
      maxReconsumeTimes: header.l,
      batch: header.m,
      brokerName: header.n,
    };
  },

  fromV1(header: SendMessageRequestHeader): SendMessageRequestHeaderV2 {
    return {
      a: header.producerGroup,
      b: header.topic,
      c: header.defaultTopic,
      d: header.defaultTopicQueueNums,
      e: header.queueId,
      f: header.sysFlag,
      g: header.bornTimestamp,
      h: header.flag,
      i: header.properties,
      j: header.reconsumeTimes,
      k: header.unitMode,
      l: header.maxReconsumeTimes,
      m: header.batch,
      n: header.brokerName,
    };
  },
};
