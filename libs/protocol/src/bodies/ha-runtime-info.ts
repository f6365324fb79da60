import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * GET_BROKER_HA_STATUS (907) reply body (`mqadmin haStatus`), fastjson bean form:
 *   {"haClientRuntimeInfo":{"activated":b,"lastReadTimestamp":ms,"lastWriteTimestamp":ms,
 *     "masterAddr":"ip:port","masterFlushOffset":n,"maxOffset":n,"transferredByteInSecond":n},
 *    "haConnectionInfo":[{"addr":"ip:port","diff":n,"inSync":b,"slaveAckOffset":n,
 *     "transferFromWhere":n,"transferredByteInSecond":n},…],
 *    "inSyncSlaveNums":n,"master":b,"masterCommitLogMaxOffset":n}
 * A master fills the connections; a slave fills the client part.
 */
export interface HAConnectionRuntimeInfo {
  readonly addr: string;
  readonly slaveAckOffset: number;
  readonly diff: number;
  readonly inSync: boolean;
  readonly transferredByteInSecond: number;
  readonly transferFromWhere: number;
}

export interface HAClientRuntimeInfo {
  readonly masterAddr?: string;
  readonly transferredByteInSecond: number;
  readonly maxOffset: number;
  readonly lastReadTimestamp: number;
  readonly lastWriteTimestamp: number;
  readonly masterFlushOffset: number;
  readonly activated: boolean;
}

export interface HARuntimeInfo {
  readonly master: boolean;
  readonly masterCommitLogMaxOffset: number;
  readonly inSyncSlaveNums: number;
  readonly haConnectionInfo: readonly HAConnectionRuntimeInfo[];
  readonly haClientRuntimeInfo: HAClientRuntimeInfo;
}

const NAME = 'HARuntimeInfo';

export const HARuntimeInfo = {
  encode(info: HARuntimeInfo): Buffer {
    const client = info.haClientRuntimeInfo;
    return writeJsonBuffer({
      haClientRuntimeInfo: {
        activated: client.activated,
        lastReadTimestamp: client.lastReadTimestamp,
        lastWriteTimestamp: client.lastWriteTimestamp,
        masterAddr: client.masterAddr,
        masterFlushOffset: client.masterFlushOffset,
        maxOffset: client.maxOffset,
        transferredByteInSecond: client.transferredByteInSecond,
      },
      haConnectionInfo: info.haConnectionInfo.map((one) => ({
        addr: one.addr,
        diff: one.diff,
        inSync: one.inSync,
        slaveAckOffset: one.slaveAckOffset,
        transferFromWhere: one.transferFromWhere,
        transferredByteInSecond: one.transferredByteInSecond,
      })),
      inSyncSlaveNums: info.inSyncSlaveNums,
      master: info.master,
      masterCommitLogMaxOffset: info.masterCommitLogMaxOffset,
    });
  },

  decode(bytes: Buffer | string): HARuntimeInfo {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const client = fields.child('haClientRuntimeInfo');
    return {
      master: fields.boolean('master', false),
      masterCommitLogMaxOffset: fields.long('masterCommitLogMaxOffset', 0),
      inSyncSlaveNums: fields.integer('inSyncSlaveNums', 0),
      haConnectionInfo: fields.array('haConnectionInfo').map((value, index) => {
        const one = BodyReader.of(NAME, value, `$.haConnectionInfo[${index}]`);
        return {
          addr: one.string('addr', ''),
          slaveAckOffset: one.long('slaveAckOffset', 0),
          diff: one.long('diff', 0),
          inSync: one.boolean('inSync', false),
          transferredByteInSecond: one.long('transferredByteInSecond', 0),
          transferFromWhere: one.long('transferFromWhere', 0),
        };
      }),
      haClientRuntimeInfo: {
        masterAddr: client.optionalString('masterAddr'),
        transferredByteInSecond: client.long('transferredByteInSecond', 0),
        maxOffset: client.long('maxOffset', 0),
        lastReadTimestamp: client.long('lastReadTimestamp', 0),
        lastWriteTimestamp: client.long('lastWriteTimestamp', 0),
        masterFlushOffset: client.long('masterFlushOffset', 0),
        activated: client.boolean('activated', false),
      },
    };
  },
};
