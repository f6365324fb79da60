/**
 * RemotingCommand: one request or response of RocketMQ's classic TCP protocol.
 *
 * Frame on the wire (all integers big-endian):
 *   length:int32          bytes after this field = 4 + headerLength + bodyLength
 *   headerWord:int32      high byte = serialize type (0 JSON, 1 ROCKETMQ), low 24 bits = headerLength
 *   header[headerLength]  JSON text or the ROCKETMQ binary header
 *   body[...]             the rest of the frame, possibly empty
 *
 * `extFields` hold a flattened custom header; values are always strings here (JSON numbers and
 * booleans that ali-ons sends are coerced on decode).
 */
export const SerializeType = { JSON: 0, ROCKETMQ: 1 } as const;
export type SerializeType = (typeof SerializeType)[keyof typeof SerializeType];

/** Flag bit 0: 0 = request, 1 = response. Bit 1: one-way request (the receiver must not answer). */
export const RPC_TYPE_RESPONSE_FLAG = 0x1;
export const RPC_ONEWAY_FLAG = 0x2;

/** The version our servers and clients stamp on every command: V5_3_3, as Java 5.3.3 does. */
export const CURRENT_VERSION = 479;

export type ExtFields = Record<string, string>;

export interface RemotingCommand {
  code: number;
  /** LanguageCode name, e.g. `JAVA`, `GO`, `NODE_JS`; unknown names are kept as sent. */
  language: string;
  version: number;
  opaque: number;
  flag: number;
  remark: string | undefined;
  extFields: ExtFields | undefined;
  body: Buffer | undefined;
  /** How the header was (or will be) encoded. Servers always reply with JSON (ali-ons needs it). */
  serializeType: SerializeType;
}

export function isResponse(command: RemotingCommand): boolean {
  return (command.flag & RPC_TYPE_RESPONSE_FLAG) !== 0;
}

export function isOneway(command: RemotingCommand): boolean {
  return (command.flag & RPC_ONEWAY_FLAG) !== 0;
}

export interface RequestOptions {
  extFields?: ExtFields;
  body?: Buffer;
  oneway?: boolean;
  language?: string;
  version?: number;
  serializeType?: SerializeType;
}

/** A request with opaque 0; the remoting client assigns the real opaque when it sends. */
export function createRequest(code: number, options: RequestOptions = {}): RemotingCommand {
  return {
    code,
    language: options.language ?? 'NODE_JS',
    version: options.version ?? CURRENT_VERSION,
    opaque: 0,
    flag: options.oneway ? RPC_ONEWAY_FLAG : 0,
    remark: undefined,
    extFields: options.extFields,
    body: options.body,
    serializeType: options.serializeType ?? SerializeType.JSON,
  };
}

export interface ResponseOptions {
  remark?: string;
  extFields?: ExtFields;
  body?: Buffer;
}

/** A response to `request`: same opaque, response flag set, JSON header, our language and version. */
export function createResponse(request: RemotingCommand, code: number, options: ResponseOptions = {}): RemotingCommand {
  return {
    code,
    language: 'JAVA',
    version: CURRENT_VERSION,
    opaque: request.opaque,
    flag: RPC_TYPE_RESPONSE_FLAG,
    remark: options.remark,
    extFields: options.extFields,
    body: options.body,
    serializeType: SerializeType.JSON,
  };
}
