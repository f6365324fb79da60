import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CONTROLLER_ALTER_SYNC_STATE_SET (1001) request header, master → controller leader; the body is
 * the proposed SyncStateSet carrying the set epoch the master currently holds (docs/controller.md#codes):
 *   brokerName      string  required
 *   masterBrokerId  long    optional  the requester's controller id
 *   masterEpoch     int     optional  the master epoch the requester believes in
 *   invokeTime      long    always    sender's clock; only the jRaft state machine reads it
 */
const ALTER_SYNC_STATE_SET_REQUEST_FIELDS = {
  brokerName: field.string(),
  masterBrokerId: field.long().optional(),
  masterEpoch: field.int().optional(),
  invokeTime: field.long().default(0),
};

export type AlterSyncStateSetRequestHeader = HeaderOf<typeof ALTER_SYNC_STATE_SET_REQUEST_FIELDS>;

export const AlterSyncStateSetRequestHeader = headerCodec('AlterSyncStateSetRequestHeader', ALTER_SYNC_STATE_SET_REQUEST_FIELDS);

/**
 * CONTROLLER_ALTER_SYNC_STATE_SET (1001) response header (the body repeats the new set):
 *   newSyncStateSetEpoch  int  required
 */
const ALTER_SYNC_STATE_SET_RESPONSE_FIELDS = {
  newSyncStateSetEpoch: field.int(),
};

export type AlterSyncStateSetResponseHeader = HeaderOf<typeof ALTER_SYNC_STATE_SET_RESPONSE_FIELDS>;

export const AlterSyncStateSetResponseHeader = headerCodec('AlterSyncStateSetResponseHeader', ALTER_SYNC_STATE_SET_RESPONSE_FIELDS);
