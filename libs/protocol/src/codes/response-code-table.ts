import { ResponseCode, type ResponseCodeName } from './response-code';

/**
 * What a response code means to the side that receives it (docs/remoting-protocol.md#response-codes),
 * kept in one table as kafkajs keeps its error.js: clients derive retrying from `retriable`, every
 * side derives "the message is stored" from `stored`, logs and errors print `name (code)`.
 */
export interface ResponseCodeInfo {
  readonly name: ResponseCodeName;
  readonly code: number;
  /**
   * Another attempt, on another broker or a moment later, can succeed (Java's
   * DefaultMQProducer.retryResponseCodes, and GO_AWAY from a broker shutting down).
   */
  readonly retriable: boolean;
  /** The message of a send answered with this code is stored: clients treat it as sent. */
  readonly stored: boolean;
  readonly description: string;
}

type Row = Omit<ResponseCodeInfo, 'name' | 'code'>;

const plain = (description: string): Row => ({ retriable: false, stored: false, description });
const retry = (description: string): Row => ({ retriable: true, stored: false, description });
const stored = (description: string): Row => ({ retriable: false, stored: true, description });

// Every name of ResponseCode has a row: `satisfies` makes a new code without one a compile error.
const ROWS = {
  SUCCESS: stored('done'),
  SYSTEM_ERROR: retry('the server failed on this request (disk, a bug, an internal put): try again or elsewhere'),
  SYSTEM_BUSY: retry('the server sheds load (flow control, page cache busy): try again later'),
  REQUEST_CODE_NOT_SUPPORTED: plain('the server does not serve this request code'),
  TRANSACTION_FAILED: plain('the transaction request failed'),
  FLUSH_DISK_TIMEOUT: stored('stored, but the SYNC_FLUSH fsync did not finish in time'),
  SLAVE_NOT_AVAILABLE: stored('stored on the master, but no slave could take it (SYNC_MASTER)'),
  FLUSH_SLAVE_TIMEOUT: stored('stored on the master, but the slave did not acknowledge it in time'),
  MESSAGE_ILLEGAL: plain('the message is too large or malformed'),
  SERVICE_NOT_AVAILABLE: retry('the broker cannot take writes now (slave, disk full, shutting down)'),
  VERSION_NOT_SUPPORTED: plain('the client version is not supported'),
  NO_PERMISSION: retry('the topic or broker refuses this operation (permission or ACL); a route change may help'),
  TOPIC_NOT_EXIST: retry('the broker does not know the topic (yet)'),
  TOPIC_EXIST_ALREADY: plain('the topic exists already'),
  PULL_NOT_FOUND: plain('no new message in the queue'),
  PULL_RETRY_IMMEDIATELY: plain('pull again now (filtered out or a segment boundary)'),
  PULL_OFFSET_MOVED: plain('the pull offset is out of range; the consumer moves to the broker’s offset'),
  QUERY_NOT_FOUND: plain('nothing matches the query'),
  SUBSCRIPTION_PARSE_FAILED: plain('the subscription expression does not parse'),
  SUBSCRIPTION_NOT_EXIST: plain('the broker has no subscription of this group for the topic'),
  SUBSCRIPTION_NOT_LATEST: plain('the broker holds an older subscription than the request'),
  SUBSCRIPTION_GROUP_NOT_EXIST: plain('the consumer group does not exist'),
  FILTER_DATA_NOT_EXIST: plain('the filter data does not exist'),
  FILTER_DATA_NOT_LATEST: plain('the filter data is not the latest'),
  INVALID_PARAMETER: plain('a request field is invalid'),
  TRANSACTION_SHOULD_COMMIT: plain('end transaction: commit'),
  TRANSACTION_SHOULD_ROLLBACK: plain('end transaction: roll back'),
  TRANSACTION_STATE_UNKNOW: plain('end transaction: state unknown, check later'),
  TRANSACTION_STATE_GROUP_WRONG: plain('the transaction belongs to another producer group'),
  NO_BUYER_ID: retry('no buyer id (unit routing)'),
  NOT_IN_CURRENT_UNIT: retry('not in the current unit (unit routing)'),
  CONSUMER_NOT_ONLINE: plain('the consumer is not connected'),
  CONSUME_MSG_TIMEOUT: plain('consuming the message directly timed out'),
  NO_MESSAGE: plain('no message to pop'),
  POLLING_FULL: plain('too many pop requests are waiting on this queue'),
  POLLING_TIMEOUT: plain('the pop request waited without a message'),
  BROKER_NOT_EXIST: plain('the broker does not exist'),
  BROKER_DISPATCH_NOT_COMPLETE: plain('the broker has not dispatched everything yet'),
  BROADCAST_CONSUMPTION: plain('broadcast consumers have no broker-side progress'),
  FLOW_CONTROL: plain('flow control'),
  NOT_LEADER_FOR_QUEUE: plain('this broker does not lead the static-topic queue'),
  ILLEGAL_OPERATION: plain('the operation is not allowed'),
  RPC_UNKNOWN: plain('client-local: unknown RPC failure'),
  RPC_ADDR_IS_NULL: plain('client-local: no address'),
  RPC_SEND_TO_CHANNEL_FAILED: plain('client-local: the request could not be written'),
  RPC_TIME_OUT: plain('client-local: no response in time'),
  GO_AWAY: retry('the server is shutting down: go to another one'),
  CONTROLLER_FENCED_MASTER_EPOCH: plain('controller: the master epoch is stale'),
  CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH: plain('controller: the SyncStateSet epoch is stale'),
  CONTROLLER_INVALID_MASTER: plain('controller: not the master of the group'),
  CONTROLLER_INVALID_REPLICAS: plain('controller: the replicas are invalid'),
  CONTROLLER_MASTER_NOT_AVAILABLE: plain('controller: the group has no master'),
  CONTROLLER_INVALID_REQUEST: plain('controller: the request is invalid'),
  CONTROLLER_BROKER_NOT_ALIVE: plain('controller: the broker is not alive'),
  CONTROLLER_NOT_LEADER: plain('controller: not the leader; ask the leader'),
  CONTROLLER_BROKER_METADATA_NOT_EXIST: plain('controller: no metadata for the broker'),
  CONTROLLER_INVALID_CLEAN_BROKER_METADATA: plain('controller: cannot clean this broker’s metadata'),
  CONTROLLER_BROKER_NEED_TO_BE_REGISTERED: plain('controller: the broker must register first'),
  CONTROLLER_MASTER_STILL_EXIST: plain('controller: the group still has a live master'),
  CONTROLLER_ELECT_MASTER_FAILED: plain('controller: no replica could be elected'),
  CONTROLLER_ALTER_SYNC_STATE_SET_FAILED: plain('controller: the SyncStateSet change was refused'),
  CONTROLLER_BROKER_ID_INVALID: plain('controller: the broker id is invalid'),
  CONTROLLER_JRAFT_INTERNAL_ERROR: plain('controller: internal replication error'),
  CONTROLLER_BROKER_LIVE_INFO_NOT_EXISTS: plain('controller: no liveness record for the broker'),
  USER_NOT_EXIST: plain('ACL: the user does not exist'),
  POLICY_NOT_EXIST: plain('ACL: the policy does not exist'),
} satisfies Record<ResponseCodeName, Row>;

const BY_CODE = new Map<number, ResponseCodeInfo>(
  (Object.entries(ROWS) as [ResponseCodeName, Row][]).map(([name, row]) => [
    ResponseCode[name],
    { name, code: ResponseCode[name], ...row },
  ]),
);

/** The table's row for `code`; undefined for a code RocketMQ does not define. */
export function responseCodeInfo(code: number): ResponseCodeInfo | undefined {
  return BY_CODE.get(code);
}

/** The code's name for logs and metric labels; unknown codes read as `UNKNOWN_<code>`. */
export function responseCodeName(code: number): string {
  return BY_CODE.get(code)?.name ?? `UNKNOWN_${code}`;
}

/** `TOPIC_NOT_EXIST (17)`: how errors and logs print a code. */
export function describeResponseCode(code: number): string {
  return `${responseCodeName(code)} (${code})`;
}

/** Send outcomes every client treats as stored: 0, and the flush/slave timeouts 10, 11, 12. */
export function isSendSuccess(code: number): boolean {
  return BY_CODE.get(code)?.stored === true;
}

/** Codes worth another attempt, on another broker or later (the table's `retriable`). */
export function isRetriableResponseCode(code: number): boolean {
  return BY_CODE.get(code)?.retriable === true;
}
