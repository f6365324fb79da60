import { decodeJsonHeader, encodeJsonHeader } from './json-header';
import { ProtocolError } from './protocol-error';
import { type RemotingCommand, SerializeType } from './remoting-command';
import { decodeRocketmqHeader, encodeRocketmqHeader } from './rocketmq-header';

/** Netty's LengthFieldBasedFrameDecoder limit in RocketMQ: 16 MiB including the 4 length bytes. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
export const LENGTH_FIELD_BYTES = 4;

/**
 * Encodes the frame head (length, header word, header) and returns the body separately, so a
 * socket can write both without copying a large body into a new buffer.
 */
export function encodeFrameParts(command: RemotingCommand): [head: Buffer, body: Buffer | undefined] {
  const header = command.serializeType === SerializeType.ROCKETMQ ? encodeRocketmqHeader(command) : encodeJsonHeader(command);
  const bodyLength = command.body?.length ?? 0;
  const length = 4 + header.length + bodyLength;
  if (length + LENGTH_FIELD_BYTES > MAX_FRAME_BYTES) {
    throw new ProtocolError(`frame of ${length + LENGTH_FIELD_BYTES} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`);
  }
  const head = Buffer.allocUnsafe(8 + header.length);
  head.writeInt32BE(length, 0);
  head.writeInt32BE((command.serializeType << 24) | (header.length & 0xffffff), 4);
  header.copy(head, 8);
  return [head, bodyLength > 0 ? command.body : undefined];
}

/** The whole frame in one buffer, length field included. */
export function encodeFrame(command: RemotingCommand): Buffer {
  const [head, body] = encodeFrameParts(command);
  return body ? Buffer.concat([head, body], head.length + body.length) : head;
}

/**
 * Decodes one frame *without* its 4-byte length field (what FrameSplitter yields).
 * The body is a view into `frame`, not a copy.
 */
export function decodeFrame(frame: Buffer): RemotingCommand {
  if (frame.length < 4) throw new ProtocolError(`frame of ${frame.length} bytes has no header word`);
  const headerWord = frame.readUInt32BE(0);
  const serializeType = headerWord >>> 24;
  const headerLength = headerWord & 0xffffff;
  if (headerLength > frame.length - 4) {
    throw new ProtocolError(`header length ${headerLength} exceeds frame length ${frame.length}`);
  }
  const headerBytes = frame.subarray(4, 4 + headerLength);
  let header: Omit<RemotingCommand, 'body' | 'serializeType'>;
  if (serializeType === SerializeType.JSON) header = decodeJsonHeader(headerBytes);
  else if (serializeType === SerializeType.ROCKETMQ) header = decodeRocketmqHeader(headerBytes);
  else throw new ProtocolError(`unknown serialize type ${serializeType}`);
  const bodyStart = 4 + headerLength;
  return {
    ...header,
    body: bodyStart < frame.length ? frame.subarray(bodyStart) : undefined,
    serializeType,
  };
}
