import { readJson } from '../../json/json-reader';
import type { JsonValue } from '../../json/json-value';
import { writeJsonBuffer } from '../../json/json-writer';
import { BodyReader } from '../body-fields';

/**
 * CONTROLLER_GET_SYNC_STATE_DATA (1006) reply body (what mqadmin getSyncStateSet prints), keyed by
 * broker name; ids are controller ids, `alive` is what the answering controller's heartbeat table says:
 *   {"replicasInfoTable":{"broker-a":{"inSyncReplicas":[{"alive":true,"brokerAddress":"…","brokerId":2,
 *    "brokerName":"broker-a"}],"masterAddress":"…","masterBrokerId":2,"masterEpoch":2,"notInSyncReplicas":[],
 *    "syncStateSetEpoch":3}}}
 */
export interface ReplicaIdentity {
  readonly brokerName: string;
  readonly brokerId: number;
  readonly brokerAddress: string;
  readonly alive: boolean;
}

export interface ReplicasInfo {
  readonly masterBrokerId?: number;
  readonly masterAddress?: string;
  readonly masterEpoch: number;
  readonly syncStateSetEpoch: number;
  readonly inSyncReplicas: readonly ReplicaIdentity[];
  readonly notInSyncReplicas: readonly ReplicaIdentity[];
}

export interface BrokerReplicasInfo {
  readonly replicasInfoTable: ReadonlyMap<string, ReplicasInfo>;
}

const NAME = 'BrokerReplicasInfo';

function identityToJson(replica: ReplicaIdentity) {
  return { alive: replica.alive, brokerAddress: replica.brokerAddress, brokerId: replica.brokerId, brokerName: replica.brokerName };
}

function identityFromJson(value: JsonValue, path: string): ReplicaIdentity {
  const fields = BodyReader.of(NAME, value, path);
  return {
    brokerName: fields.string('brokerName', ''),
    brokerId: fields.long('brokerId', 0),
    brokerAddress: fields.string('brokerAddress', ''),
    alive: fields.boolean('alive', false),
  };
}

function infoFromJson(value: JsonValue, path: string): ReplicasInfo {
  const fields = BodyReader.of(NAME, value, path);
  const masterBrokerId = fields.has('masterBrokerId') ? fields.long('masterBrokerId') : undefined;
  return {
    masterBrokerId,
    masterAddress: fields.optionalString('masterAddress'),
    masterEpoch: fields.integer('masterEpoch', 0),
    syncStateSetEpoch: fields.integer('syncStateSetEpoch', 0),
    inSyncReplicas: fields.array('inSyncReplicas').map((item, index) => identityFromJson(item, `${path}.inSyncReplicas[${index}]`)),
    notInSyncReplicas: fields
      .array('notInSyncReplicas')
      .map((item, index) => identityFromJson(item, `${path}.notInSyncReplicas[${index}]`)),
  };
}

export const BrokerReplicasInfo = {
  encode(body: BrokerReplicasInfo): Buffer {
    const table = new Map(
      [...body.replicasInfoTable].map(([brokerName, info]) => [
        brokerName,
        {
          inSyncReplicas: info.inSyncReplicas.map(identityToJson),
          masterAddress: info.masterAddress,
          masterBrokerId: info.masterBrokerId,
          masterEpoch: info.masterEpoch,
          notInSyncReplicas: info.notInSyncReplicas.map(identityToJson),
          syncStateSetEpoch: info.syncStateSetEpoch,
        },
      ]),
    );
    return writeJsonBuffer({ replicasInfoTable: table });
  },

  decode(bytes: Buffer | string): BrokerReplicasInfo {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const table = new Map<string, ReplicasInfo>();
    for (const [brokerName, info] of fields.stringKeyedEntries('replicasInfoTable')) {
      table.set(brokerName, infoFromJson(info, `$.replicasInfoTable.${brokerName}`));
    }
    return { replicasInfoTable: table };
  },
};

/**
 * CONTROLLER_GET_SYNC_STATE_DATA (1006) request body: the broker names asked about, a JSON array
 * of strings (`["broker-a"]`).
 */
export const BrokerNameList = {
  encode(brokerNames: readonly string[]): Buffer {
    return writeJsonBuffer(brokerNames);
  },

  decode(bytes: Buffer | string): string[] {
    const value = readJson(bytes);
    return BodyReader.of(NAME, { brokerNames: value }).stringArray('brokerNames');
  },
};
