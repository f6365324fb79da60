import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodedLong, javaLong, LONG_MAX, LONG_MIN, type LongKind } from '../testing/java-long-cases';

import { decodeFrame, encodeFrame } from '../command/frame-codec';
import { createRequest, type ExtFields, type SerializeType, SerializeType as Serialize } from '../command/remoting-command';
import type { HeaderCodec } from './header-codec';
import * as headers from './index';

/**
 * Every Java `long` a header carries decodes over the whole signed 64-bit range, in both header
 * encodings: quantities saturate at ±(2^53 − 1), tokens stay exact
 * (docs/remoting-protocol.md#java-long-fields). The table is checked against the headers' field
 * lists, so a long field added later without a row here fails the last spec.
 */
const RUN = { seed: 20261207, numRuns: 150 } as const;

interface LongField {
  /** The header module (file name without .ts). */
  readonly file: string;
  readonly decode: (ext: ExtFields | undefined) => object;
  /** The extFields key on the wire. */
  readonly wire: string;
  /** The decoded property. */
  readonly property: string;
  readonly kind: LongKind;
}

const field = (file: string, decode: LongField['decode'], wire: string, kind: LongKind = 'quantity', property = wire): LongField => ({
  file,
  decode,
  wire,
  property,
  kind,
});

const LONG_FIELDS: readonly LongField[] = [
  ...['brokerId', 'maxOffset', 'confirmOffset', 'heartbeatTimeoutMills'].map((wire) =>
    field('broker-heartbeat-request-header', headers.BrokerHeartbeatRequestHeader.decode, wire),
  ),
  field('consumer-send-msg-back-request-header', headers.ConsumerSendMsgBackRequestHeader.decode, 'offset'),
  ...['tranStateTableOffset', 'commitLogOffset'].map((wire) =>
    field('end-transaction-request-header', headers.EndTransactionRequestHeader.decode, wire),
  ),
  ...['tranStateTableOffset', 'commitLogOffset'].map((wire) =>
    field('check-transaction-state-request-header', headers.CheckTransactionStateRequestHeader.decode, wire),
  ),
  field('get-earliest-msg-storetime-response-header', headers.GetEarliestMsgStoretimeResponseHeader.decode, 'timestamp'),
  field('offset-response-header', headers.OffsetResponseHeader.decode, 'offset'),
  ...['queueOffset', 'commitOffset', 'suspendTimeoutMillis'].map((wire) =>
    field('pull-message-request-header', headers.PullMessageRequestHeader.decode, wire),
  ),
  field('pull-message-request-header', headers.PullMessageRequestHeader.decode, 'subVersion', 'token'),
  ...['suggestWhichBrokerId', 'nextBeginOffset', 'minOffset', 'maxOffset', 'offsetDelta'].map((wire) =>
    field('pull-message-response-header', headers.PullMessageResponseHeader.decode, wire),
  ),
  field('query-data-version-request-header', headers.QueryDataVersionRequestHeader.decode, 'brokerId'),
  ...['beginTimestamp', 'endTimestamp'].map((wire) =>
    field('query-message-request-header', headers.QueryMessageRequestHeader.decode, wire),
  ),
  ...['indexLastUpdateTimestamp', 'indexLastUpdatePhyoffset'].map((wire) =>
    field('query-message-response-header', headers.QueryMessageResponseHeader.decode, wire),
  ),
  ...['brokerId', 'heartbeatTimeoutMillis'].map((wire) =>
    field('register-broker-request-header', headers.RegisterBrokerRequestHeader.decode, wire),
  ),
  ...['timestamp', 'offset'].map((wire) => field('reset-offset-request-header', headers.ResetOffsetRequestHeader.decode, wire)),
  field('search-offset-request-header', headers.SearchOffsetRequestHeader.decode, 'timestamp'),
  field('send-message-request-header-v2', headers.SendMessageRequestHeaderV2.decode, 'g'),
  field('send-message-request-header', headers.SendMessageRequestHeader.decode, 'bornTimestamp'),
  field('send-message-response-header', headers.SendMessageResponseHeader.decode, 'queueOffset'),
  field('un-register-broker-request-header', headers.UnRegisterBrokerRequestHeader.decode, 'brokerId'),
  field('update-consumer-offset-request-header', headers.UpdateConsumerOffsetRequestHeader.decode, 'commitOffset'),
  field('view-message-request-header', headers.ViewMessageRequestHeader.decode, 'offset'),
  ...['invisibleTime', 'pollTime', 'bornTime'].map((wire) =>
    field('pop-message-request-header', headers.PopMessageRequestHeader.decode, wire),
  ),
  ...['popTime', 'invisibleTime', 'restNum'].map((wire) =>
    field('pop-message-response-header', headers.PopMessageResponseHeader.decode, wire),
  ),
  field('ack-message-request-header', headers.AckMessageRequestHeader.decode, 'offset'),
  ...['offset', 'invisibleTime'].map((wire) => field('ack-message-request-header', headers.ChangeInvisibleTimeRequestHeader.decode, wire)),
  ...['popTime', 'invisibleTime'].map((wire) =>
    field('ack-message-request-header', headers.ChangeInvisibleTimeResponseHeader.decode, wire),
  ),
  ...['masterBrokerId', 'invokeTime'].map((wire) =>
    field('controller/alter-sync-state-set-headers', headers.AlterSyncStateSetRequestHeader.decode, wire),
  ),
  field('controller/broker-id-headers', headers.GetNextBrokerIdResponseHeader.decode, 'nextBrokerId'),
  field('controller/broker-id-headers', headers.ApplyBrokerIdRequestHeader.decode, 'appliedBrokerId'),
  field('controller/clean-controller-broker-data-request-header', headers.CleanControllerBrokerDataRequestHeader.decode, 'invokeTime'),
  ...['brokerId', 'invokeTime'].map((wire) => field('controller/elect-master-headers', headers.ElectMasterRequestHeader.decode, wire)),
  field('controller/elect-master-headers', headers.ElectMasterResponseHeader.decode, 'masterBrokerId'),
  field('controller/get-replica-info-headers', headers.GetReplicaInfoResponseHeader.decode, 'masterBrokerId'),
  field('controller/notify-broker-role-changed-request-header', headers.NotifyBrokerRoleChangedRequestHeader.decode, 'masterBrokerId'),
  ...['brokerId', 'invokeTime'].map((wire) =>
    field('controller/register-broker-to-controller-headers', headers.RegisterBrokerToControllerRequestHeader.decode, wire),
  ),
  field('controller/register-broker-to-controller-headers', headers.RegisterBrokerToControllerResponseHeader.decode, 'masterBrokerId'),
];

/** Every other field the decoder asks for, with a value each reader accepts ("0"). */
function requiredFields(decode: LongField['decode']): ExtFields {
  const asked = new Set<string>();
  const recorder = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? (asked.add(key), '0') : undefined) });
  decode(recorder as ExtFields);
  return Object.fromEntries([...asked].map((key) => [key, '0']));
}

function throughFrame(ext: ExtFields, serializeType: SerializeType): ExtFields | undefined {
  return decodeFrame(encodeFrame(createRequest(11, { extFields: ext, serializeType })).subarray(4)).extFields;
}

describe('Protocol > headers > Java long fields over the full 64-bit range', () => {
  const rows = LONG_FIELDS.map((row) => [`${row.file} ${row.wire} (${row.kind})`, row] as const);

  it.each(rows)('%s: JSON and ROCKETMQ header frames', (_name, row) => {
    const base = requiredFields(row.decode);
    fc.assert(
      fc.property(javaLong, fc.constantFrom(Serialize.JSON, Serialize.ROCKETMQ), (value, serializeType) => {
        const decoded = row.decode(throughFrame({ ...base, [row.wire]: value.toString() }, serializeType)) as Record<string, unknown>;
        expect(decoded[row.property]).toStrictEqual(decodedLong(row.kind, value));
      }),
      RUN,
    );
  });

  it.each(rows)('%s: a JSON header carrying it as a bare number (ali-ons style) keeps every digit', (_name, row) => {
    const base = requiredFields(row.decode);
    fc.assert(
      fc.property(javaLong, (value) => {
        const extFields = Object.entries({ ...base, [row.wire]: value.toString() })
          .map(([key, text]) => `${JSON.stringify(key)}:${key === row.wire ? text : JSON.stringify(text)}`)
          .join(',');
        const header = Buffer.from(
          `{"code":11,"extFields":{${extFields}},"flag":0,"language":"NODE","opaque":1,"serializeTypeCurrentRPC":"JSON","version":0}`,
        );
        const frame = Buffer.alloc(4);
        frame.writeUInt32BE(header.length);
        const decoded = row.decode(decodeFrame(Buffer.concat([frame, header])).extFields) as Record<string, unknown>;
        expect(decoded[row.property]).toStrictEqual(decodedLong(row.kind, value));
      }),
      { ...RUN, numRuns: 50 },
    );
  });

  it.each(rows)('%s: text outside the long range is refused, naming the field', (_name, row) => {
    const base = requiredFields(row.decode);
    for (const text of [(LONG_MAX + 1n).toString(), (LONG_MIN - 1n).toString(), '1.5', '12abc']) {
      expect(() => row.decode({ ...base, [row.wire]: text })).toThrow(row.wire);
    }
  });

  it('lists every long field the header field lists declare', () => {
    const codecs = Object.values(headers).filter(isHeaderCodec);
    const declared = codecs.flatMap((codec) =>
      codec.fields
        .filter((spec) => spec.kind === 'long' || spec.kind === 'exactLong')
        .map((spec) => `${codec.headerName} ${spec.key} ${spec.kind === 'long' ? 'quantity' : 'token'}`),
    );
    const listed = LONG_FIELDS.map((row) => `${codecs.find((codec) => codec.decode === row.decode)?.headerName} ${row.wire} ${row.kind}`);
    expect(declared.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(new Set(declared));
  });
});

function isHeaderCodec(value: unknown): value is HeaderCodec<object> {
  return typeof value === 'object' && value !== null && 'fields' in value && Array.isArray(value.fields) && 'decode' in value;
}
