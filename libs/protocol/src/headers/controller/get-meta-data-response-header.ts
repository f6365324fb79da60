import type { ExtFields } from '../../command/remoting-command';
import { optionalBoolean, optionalString, toExtFields } from '../header-fields';

/**
 * CONTROLLER_GET_METADATA_INFO (1005) response header (the request has no header); any
 * controller answers it, leader or not:
 *   group                    string   the Raft group name (controllerDLegerGroup)
 *   controllerLeaderId       string   e.g. "n0"; absent while no leader is known
 *   controllerLeaderAddress  string   the leader's client-facing ip:port
 *   isLeader                 boolean  whether the answering controller is the leader
 *   peers                    string   "n0:127.0.0.1:9878;n1:127.0.0.1:9868;" (note ':' and the trailing ';')
 */
export interface GetMetaDataResponseHeader {
  readonly group?: string;
  readonly controllerLeaderId?: string;
  readonly controllerLeaderAddress?: string;
  readonly isLeader: boolean;
  readonly peers?: string;
}

export const GetMetaDataResponseHeader = {
  encode(header: GetMetaDataResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): GetMetaDataResponseHeader {
    return {
      group: optionalString(ext, 'group'),
      controllerLeaderId: optionalString(ext, 'controllerLeaderId'),
      controllerLeaderAddress: optionalString(ext, 'controllerLeaderAddress'),
      isLeader: optionalBoolean(ext, 'isLeader') ?? false,
      peers: optionalString(ext, 'peers'),
    };
  },
};
