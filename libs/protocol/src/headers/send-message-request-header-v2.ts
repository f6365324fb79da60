import type { ExtFields } from '../command/remoting-command';
import { Field } from './field';
import { compileFields, compileHeader } from './header-codec';
import { SEND_MESSAGE_REQUEST_FIELDS, type SendMessageRequestHeader } from './send-message-request-header';

/**
 * SEND_MESSAGE_V2 (310) / SEND_BATCH_MESSAGE (320) request header: SendMessageRequestHeader with
 * one-letter keys to save bytes on every message (docs/remoting-protocol.md#requests-the-broker-serves).
 * a..h are required (they are the long header's required fields); ali-ons sends a..l only.
 * The letters follow Java's field order, which puts maxReconsumeTimes (l) before batch (m).
 *
 * Servers mostly want the long-name shape: decodeAsV1 / encodeFromV1 go straight between
 * extFields and SendMessageRequestHeader without building the one-letter object in between.
 */
const LETTERS = {
  producerGroup: 'a',
  topic: 'b',
  defaultTopic: 'c',
  defaultTopicQueueNums: 'd',
  queueId: 'e',
  sysFlag: 'f',
  bornTimestamp: 'g',
  flag: 'h',
  properties: 'i',
  reconsumeTimes: 'j',
  unitMode: 'k',
  maxReconsumeTimes: 'l',
  batch: 'm',
  brokerName: 'n',
} as const satisfies Record<keyof SendMessageRequestHeader, string>;

type Letters = typeof LETTERS;

/** The one-letter shape: each long-name property under its letter, optional where it is. */
export type SendMessageRequestHeaderV2 = { readonly [P in keyof SendMessageRequestHeader as Letters[P]]: SendMessageRequestHeader[P] };

const NAME = 'SendMessageRequestHeaderV2';

/** The long header's fields in letter order, each keyed on the wire by its letter. */
const PLAN = compileHeader(
  NAME,
  compileFields(
    Object.fromEntries(
      Object.entries(LETTERS).map(([property, letter]): [string, Field] => [
        property,
        SEND_MESSAGE_REQUEST_FIELDS[property as keyof Letters].key(letter),
      ]),
    ),
  ),
);
const RENAMES = PLAN.fields.map((spec) => [spec.property, spec.key] as const);

export const SendMessageRequestHeaderV2 = {
  headerName: NAME,
  fields: PLAN.fields,

  encode(header: SendMessageRequestHeaderV2): ExtFields {
    return SendMessageRequestHeaderV2.encodeFromV1(SendMessageRequestHeaderV2.toV1(header));
  },

  decode(ext: ExtFields | undefined): SendMessageRequestHeaderV2 {
    return SendMessageRequestHeaderV2.fromV1(SendMessageRequestHeaderV2.decodeAsV1(ext));
  },

  /** The one-letter extFields of a long-name header (what a Java producer puts on the wire). */
  encodeFromV1(header: SendMessageRequestHeader): ExtFields {
    return PLAN.encode(header);
  },

  /** Reads one-letter extFields into the long-name header; errors name the one-letter key. */
  decodeAsV1(ext: ExtFields | undefined): SendMessageRequestHeader {
    return PLAN.decode(ext) as SendMessageRequestHeader;
  },

  toV1(header: SendMessageRequestHeaderV2): SendMessageRequestHeader {
    return rename(header, 1, 0) as SendMessageRequestHeader;
  },

  fromV1(header: SendMessageRequestHeader): SendMessageRequestHeaderV2 {
    return rename(header, 0, 1) as SendMessageRequestHeaderV2;
  },
};

/** Copies every property under its other name (undefined ones too, as the long header has them). */
function rename(source: object, from: 0 | 1, to: 0 | 1): object {
  const values = source as Readonly<Record<string, unknown>>;
  const target: Record<string, unknown> = {};
  for (const names of RENAMES) target[names[to]] = values[names[from]];
  return target;
}
