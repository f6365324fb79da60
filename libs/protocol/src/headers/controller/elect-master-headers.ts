import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CONTROLLER_ELECT_MASTER (1002) request header; sent by a broker (its own id, designateElect
 * false), by mqadmin electMaster (designateElect true) or by the controller itself (brokerId -1):
 *   clusterName     string   Java default ""
 *   brokerName      string   Java default ""
 *   brokerId        long     Java default -1; -1 (or absent) means "controller-triggered"
 *   designateElect  boolean  Java default false; true makes brokerId the preferred winner
 *   invokeTime      long     sender's clock; only the jRaft state machine reads it
 */
const ELECT_MASTER_REQUEST_FIELDS = {
  clusterName: field.string().default(''),
  brokerName: field.string().default(''),
  brokerId: field.long().default(-1),
  designateElect: field.boolean().default(false),
  invokeTime: field.long().optional(),
};

export type ElectMasterRequestHeader = HeaderOf<typeof ELECT_MASTER_REQUEST_FIELDS>;

export const ElectMasterRequestHeader = headerCodec('ElectMasterRequestHeader', ELECT_MASTER_REQUEST_FIELDS);

/**
 * The master fields several controller replies share (1002 ElectMasterResponseHeader, and the
 * master part of 1003/1004 replies and the 1008 notification): all optional, absent when no
 * master is known.
 *   masterBrokerId     long
 *   masterAddress      string
 *   masterEpoch        int
 *   syncStateSetEpoch  int
 */
const ELECT_MASTER_RESPONSE_FIELDS = {
  masterBrokerId: field.long().optional(),
  masterAddress: field.string().optional(),
  masterEpoch: field.int().optional(),
  syncStateSetEpoch: field.int().optional(),
};

export type ElectMasterResponseHeader = HeaderOf<typeof ELECT_MASTER_RESPONSE_FIELDS>;

export const ElectMasterResponseHeader = headerCodec('ElectMasterResponseHeader', ELECT_MASTER_RESPONSE_FIELDS);
