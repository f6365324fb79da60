/**
 * The `apache.rocketmq.v2` structures the endpoint reads and writes, as @grpc/proto-loader hands
 * them over with our options (proto field names, enums as names, int64 as numbers, defaults filled,
 * `oneof` name set). Only the fields we use are typed; the descriptor is the full contract.
 */
export interface V2Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}
export type V2Duration = V2Timestamp;

export interface V2Status {
  readonly code: V2Code;
  readonly message: string;
}

export type V2Code =
  | 'OK'
  | 'MULTIPLE_RESULTS'
  | 'BAD_REQUEST'
  | 'ILLEGAL_TOPIC'
  | 'ILLEGAL_CONSUMER_GROUP'
  | 'ILLEGAL_MESSAGE_GROUP'
  | 'ILLEGAL_INVISIBLE_TIME'
  | 'INVALID_RECEIPT_HANDLE'
  | 'MESSAGE_CORRUPTED'
  | 'CLIENT_ID_REQUIRED'
  | 'INVALID_TRANSACTION_ID'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'MESSAGE_NOT_FOUND'
  | 'TOPIC_NOT_FOUND'
  | 'CONSUMER_GROUP_NOT_FOUND'
  | 'MESSAGE_BODY_TOO_LARGE'
  | 'MESSAGE_BODY_EMPTY'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'HA_NOT_AVAILABLE'
  | 'NOT_IMPLEMENTED'
  | 'MASTER_PERSISTENCE_TIMEOUT'
  | 'SLAVE_PERSISTENCE_TIMEOUT'
  | 'UNSUPPORTED';

export interface V2Resource {
  readonly resource_namespace?: string;
  readonly name: string;
}

export interface V2Address {
  readonly host: string;
  readonly port: number;
}

export interface V2Endpoints {
  readonly scheme: 'IPv4' | 'IPv6' | 'DOMAIN_NAME' | 'ADDRESS_SCHEME_UNSPECIFIED';
  readonly addresses: readonly V2Address[];
}

export type V2MessageType = 'MESSAGE_TYPE_UNSPECIFIED' | 'NORMAL' | 'FIFO' | 'DELAY' | 'TRANSACTION';
export type V2Permission = 'PERMISSION_UNSPECIFIED' | 'NONE' | 'READ' | 'WRITE' | 'READ_WRITE';

export interface V2Broker {
  readonly name: string;
  readonly id: number;
  readonly endpoints: V2Endpoints;
}

export interface V2MessageQueue {
  readonly topic: V2Resource;
  readonly id: number;
  readonly permission: V2Permission;
  readonly broker: V2Broker;
  readonly accept_message_types: readonly V2MessageType[];
}

export interface V2Digest {
  readonly type: 'DIGEST_TYPE_UNSPECIFIED' | 'CRC32' | 'MD5' | 'SHA1';
  readonly checksum: string;
}

export interface V2SystemProperties {
  readonly tag?: string;
  readonly keys: readonly string[];
  readonly message_id: string;
  readonly body_digest: V2Digest;
  readonly body_encoding: 'ENCODING_UNSPECIFIED' | 'IDENTITY' | 'GZIP';
  readonly message_type: V2MessageType;
  readonly born_timestamp: V2Timestamp;
  readonly born_host: string;
  readonly store_timestamp?: V2Timestamp;
  readonly store_host: string;
  readonly delivery_timestamp?: V2Timestamp;
  readonly receipt_handle?: string;
  readonly queue_id: number;
  readonly queue_offset?: number;
  readonly invisible_duration?: V2Duration;
  readonly delivery_attempt?: number;
  readonly message_group?: string;
  readonly trace_context?: string;
  readonly orphaned_transaction_recovery_duration?: V2Duration;
}

export interface V2Message {
  readonly topic: V2Resource;
  readonly user_properties: Readonly<Record<string, string>>;
  readonly system_properties: V2SystemProperties;
  readonly body: Buffer;
}

export interface V2FilterExpression {
  readonly type: 'FILTER_TYPE_UNSPECIFIED' | 'TAG' | 'SQL';
  readonly expression: string;
}

export interface V2Settings {
  readonly client_type?: 'CLIENT_TYPE_UNSPECIFIED' | 'PRODUCER' | 'PUSH_CONSUMER' | 'SIMPLE_CONSUMER' | 'PULL_CONSUMER';
  readonly access_point?: V2Endpoints;
  readonly backoff_policy?: unknown;
  readonly request_timeout?: V2Duration;
  readonly publishing?: {
    readonly topics: readonly V2Resource[];
    readonly max_body_size?: number;
    readonly validate_message_type?: boolean;
  };
  readonly subscription?: {
    readonly group?: V2Resource;
    readonly subscriptions: ReadonlyArray<{ readonly topic: V2Resource; readonly expression: V2FilterExpression }>;
    readonly fifo?: boolean;
    readonly receive_batch_size?: number;
    readonly long_polling_timeout?: V2Duration;
  };
  readonly user_agent?: unknown;
  readonly metric?: unknown;
  readonly pub_sub?: 'publishing' | 'subscription';
}

export interface V2TelemetryCommand {
  readonly status?: V2Status | null;
  readonly settings?: V2Settings | null;
  /** Server → producer: check a half message nobody ended (answered by EndTransaction, source SERVER_CHECK). */
  readonly recover_orphaned_transaction_command?: { readonly message: V2Message; readonly transaction_id: string } | null;
  readonly command?: string;
}

export function v2Status(code: V2Code, message = code === 'OK' ? 'OK' : code): V2Status {
  return { code, message };
}

export function toTimestamp(ms: number): V2Timestamp {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

export function fromDuration(duration: V2Duration | null | undefined): number | undefined {
  if (duration === null || duration === undefined) return undefined;
  return Number(duration.seconds) * 1000 + Math.floor(Number(duration.nanos) / 1_000_000);
}

export function toDuration(ms: number): V2Duration {
  return toTimestamp(ms);
}
