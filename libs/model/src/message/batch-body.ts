/**
 * SEND_BATCH_MESSAGE request body (docs/remoting-protocol.md#message-records): the inner messages back to back, each
 *
 *   pos  size   field
 *     0  4      TOTALSIZE           this inner record, this field included
 *     4  4      MAGICCODE           written as 0, not checked
 *     8  4      BODYCRC             written as 0, not checked
 *    12  4      FLAG                user flag
 *    16  4 + n  BODYLENGTH + BODY
 *     …  2 + p  PROPERTIESLENGTH + PROPERTIES    signed short, docs/remoting-protocol.md#message-records text
 *
 * Topic, queueId, sysFlag and bornTimestamp are shared and travel in the request header.
 * Decoded bodies and properties are views into the request body.
 */
import { at } from '@rocketmq-ts/base';

import { MessageDecodeError, MessageEncodeError } from './model-errors';

export interface BatchMessage {
  readonly flag: number;
  readonly body: Uint8Array;
  /** The docs/remoting-protocol.md#message-records properties text, or its UTF-8 bytes. */
  readonly properties: string | Uint8Array;
}

export interface DecodedBatchMessage extends BatchMessage {
  /** Offset of this inner record in the batch body. */
  readonly offset: number;
  readonly body: Buffer;
  readonly properties: Buffer;
}

const FIXED_BYTES = 4 + 4 + 4 + 4 + 4 + 2;
const MAX_PROPERTIES_BYTES = 32767;

/** Encodes the messages into one buffer, as Java's `MessageDecoder.encodeMessages`. */
export function encodeBatchBody(messages: readonly BatchMessage[]): Buffer {
  const propertiesBytes = messages.map((message) => {
    const bytes = typeof message.properties === 'string' ? Buffer.byteLength(message.properties, 'utf8') : message.properties.length;
    if (bytes > MAX_PROPERTIES_BYTES) throw new MessageEncodeError(`properties of ${bytes} bytes exceed ${MAX_PROPERTIES_BYTES}`);
    if ((message.flag | 0) !== message.flag) throw new MessageEncodeError(`flag ${message.flag} is not a 32-bit signed integer`);
    return bytes;
  });
  const totalBytes = messages.reduce(
    (sum, message, index) => sum + FIXED_BYTES + message.body.length + at(propertiesBytes, index, 'properties sizes'),
    0,
  );
  const target = Buffer.allocUnsafe(totalBytes);
  let position = 0;
  messages.forEach((message, index) => {
    const properties = at(propertiesBytes, index, 'properties sizes');
    target.writeInt32BE(FIXED_BYTES + message.body.length + properties, position);
    target.writeInt32BE(0, position + 4);
    target.writeInt32BE(0, position + 8);
    target.writeInt32BE(message.flag, position + 12);
    target.writeInt32BE(message.body.length, position + 16);
    target.set(message.body, position + 20);
    position += 20 + message.body.length;
    target.writeInt16BE(properties, position);
    position += 2;
    if (typeof message.properties === 'string') target.write(message.properties, position, properties, 'utf8');
    else target.set(message.properties, position);
    position += properties;
  });
  return target;
}

/** Splits a batch body; throws MessageDecodeError with the offset of the first bad inner record. */
export function decodeBatchBody(source: Buffer): DecodedBatchMessage[] {
  const messages: DecodedBatchMessage[] = [];
  let offset = 0;
  while (offset < source.length) {
    const remaining = source.length - offset;
    if (remaining < FIXED_BYTES)
      throw new MessageDecodeError(offset, `truncated: ${remaining} bytes left, an inner message needs ${FIXED_BYTES}`);
    const totalSize = source.readInt32BE(offset);
    if (totalSize < FIXED_BYTES || totalSize > remaining) {
      throw new MessageDecodeError(offset, `total size ${totalSize} outside [${FIXED_BYTES}, ${remaining}]`);
    }
    const end = offset + totalSize;
    const bodyLength = source.readInt32BE(offset + 16);
    const bodyStart = offset + 20;
    if (bodyLength < 0 || bodyStart + bodyLength + 2 > end)
      throw new MessageDecodeError(offset, `body length ${bodyLength} overruns the message`);
    const propertiesStart = bodyStart + bodyLength + 2;
    const propertiesLength = source.readInt16BE(propertiesStart - 2);
    if (propertiesLength < 0 || propertiesStart + propertiesLength !== end) {
      throw new MessageDecodeError(offset, `properties length ${propertiesLength} does not end the message at its total size ${totalSize}`);
    }
    messages.push({
      offset,
      flag: source.readInt32BE(offset + 12),
      body: source.subarray(bodyStart, bodyStart + bodyLength),
      properties: source.subarray(propertiesStart, end),
    });
    offset = end;
  }
  return messages;
}
