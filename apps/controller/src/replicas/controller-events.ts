import { readJson, writeJson } from '@rocketmq-ts/protocol';
import { BodyReader } from '@rocketmq-ts/protocol';

/**
 * The events of the replicated log (docs/controller.md#replicated-state). A request is validated
 * against the current state and turned into events; only applying a committed event changes
 * state. Encoded like the DLedger controller's entries: `[eventType:int16][JSON of the event]`.
 */
export const ControllerEventType = {
  ALTER_SYNC_STATE_SET: 1,
  APPLY_BROKER_ID: 2,
  ELECT_MASTER: 3,
  READ: 4,
  CLEAN_BROKER_DATA: 5,
  UPDATE_BROKER_ADDRESS: 6,
} as const;

export type ControllerEvent =
  | { readonly type: 'ALTER_SYNC_STATE_SET'; readonly brokerName: string; readonly newSyncStateSet: readonly number[] }
  | {
      readonly type: 'APPLY_BROKER_ID';
      readonly clusterName: string;
      readonly brokerName: string;
      readonly brokerAddress: string;
      readonly newBrokerId: number;
      readonly registerCheckCode: string;
    }
  | { readonly type: 'ELECT_MASTER'; readonly brokerName: string; readonly newMasterElected: boolean; readonly newMasterBrokerId?: number }
  /** A no-op entry: a new leader commits one before serving. */
  | { readonly type: 'READ' }
  /** `brokerIdSetToClean` absent = forget the whole set. */
  | { readonly type: 'CLEAN_BROKER_DATA'; readonly brokerName: string; readonly brokerIdSetToClean?: readonly number[] }
  | {
      readonly type: 'UPDATE_BROKER_ADDRESS';
      readonly clusterName: string;
      readonly brokerName: string;
      readonly brokerAddress: string;
      readonly brokerId: number;
    };

export class ControllerEventError extends Error {
  override readonly name = 'ControllerEventError';
}

const TYPE_BY_CODE = new Map<number, ControllerEvent['type']>(
  Object.entries(ControllerEventType).map(([name, code]) => [code, name as ControllerEvent['type']]),
);

export function encodeControllerEvent(event: ControllerEvent): Buffer {
  const { type, ...fields } = event;
  const json = Buffer.from(writeJson(fields as Parameters<typeof writeJson>[0]), 'utf8');
  const out = Buffer.allocUnsafe(2 + json.length);
  out.writeInt16BE(ControllerEventType[type], 0);
  json.copy(out, 2);
  return out;
}

/** Reads one event; throws ControllerEventError naming what is wrong, never returns a half-read event. */
export function decodeControllerEvent(bytes: Uint8Array): ControllerEvent {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 2) throw new ControllerEventError(`event of ${buffer.length} bytes has no type`);
  const type = TYPE_BY_CODE.get(buffer.readInt16BE(0));
  if (type === undefined) throw new ControllerEventError(`unknown event type ${buffer.readInt16BE(0)}`);
  if (type === 'READ') return { type };
  const fields = BodyReader.of(`${type} event`, readJson(buffer.subarray(2)));
  const ids = (key: string): number[] =>
    fields.array(key).map((item, index) => {
      if (typeof item !== 'number' || !Number.isSafeInteger(item)) return fields.fail(`${key}[${index}]`, 'expected a broker id');
      return item;
    });
  switch (type) {
    case 'ALTER_SYNC_STATE_SET':
      return { type, brokerName: fields.string('brokerName'), newSyncStateSet: ids('newSyncStateSet') };
    case 'APPLY_BROKER_ID':
      return {
        type,
        clusterName: fields.string('clusterName', ''),
        brokerName: fields.string('brokerName'),
        brokerAddress: fields.string('brokerAddress', ''),
        newBrokerId: fields.long('newBrokerId'),
        registerCheckCode: fields.string('registerCheckCode', ''),
      };
    case 'ELECT_MASTER':
      return {
        type,
        brokerName: fields.string('brokerName'),
        newMasterElected: fields.boolean('newMasterElected'),
        newMasterBrokerId: fields.has('newMasterBrokerId') ? fields.long('newMasterBrokerId') : undefined,
      };
    case 'CLEAN_BROKER_DATA':
      return {
        type,
        brokerName: fields.string('brokerName'),
        brokerIdSetToClean: fields.has('brokerIdSetToClean') ? ids('brokerIdSetToClean') : undefined,
      };
    case 'UPDATE_BROKER_ADDRESS':
      return {
        type,
        clusterName: fields.string('clusterName', ''),
        brokerName: fields.string('brokerName'),
        brokerAddress: fields.string('brokerAddress'),
        brokerId: fields.long('brokerId'),
      };
  }
}
