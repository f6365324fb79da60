import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CONTROLLER_GET_METADATA_INFO (1005) response header (the request has no header); any
 * controller answers it, leader or not:
 *   group                    string   the Raft group name (controllerDLegerGroup)
 *   controllerLeaderId       string   e.g. "n0"; absent while no leader is known
 *   controllerLeaderAddress  string   the leader's client-facing ip:port
 *   isLeader                 boolean  whether the answering controller is the leader
 *   peers                    string   "n0:127.0.0.1:9878;n1:127.0.0.1:9868;" (note ':' and the trailing ';')
 */
const GET_META_DATA_RESPONSE_FIELDS = {
  group: field.string().optional(),
  controllerLeaderId: field.string().optional(),
  controllerLeaderAddress: field.string().optional(),
  isLeader: field.boolean().default(false),
  peers: field.string().optional(),
};

export type GetMetaDataResponseHeader = HeaderOf<typeof GET_META_DATA_RESPONSE_FIELDS>;

export const GetMetaDataResponseHeader = headerCodec('GetMetaDataResponseHeader', GET_META_DATA_RESPONSE_FIELDS);
