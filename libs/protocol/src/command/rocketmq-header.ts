import { setField } from './json-header';
import { languageByte, languageName } from './language-code';
import { ProtocolError } from './protocol-error';
import type { ExtFields, RemotingCommand } from './remoting-command';

/**
 * ROCKETMQ binary header (serialize type 1):
 *   code:int16  language:int8  version:int16  opaque:int32  flag:int32
 *   remarkLength:int32  remark[remarkLength]           (length 0 = no remark)
 *   extLength:int32     ext entries[extLength]         repeated keyLength:int16 key valueLength:int32 value
 * Empty keys or values decode to "absent", as in Java.
 */
const FIXED_LENGTH = 21;

export function encodeRocketmqHeader(command: RemotingCommand): Buffer {
  const remark = command.remark ? Buffer.from(command.remark, 'utf8') : undefined;
  const entries: Array<[Buffer, Buffer]> = [];
  let extLength = 0;
  for (const [key, value] of Object.entries(command.extFields ?? {})) {
    const keyBytes = Buffer.from(key, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    if (keyBytes.length > 0x7fff) throw new ProtocolError(`extFields key too long for ROCKETMQ header: ${key.slice(0, 40)}`);
    entries.push([keyBytes, valueBytes]);
    extLength += 2 + keyBytes.length + 4 + valueBytes.length;
  }
  const out = Buffer.allocUnsafe(FIXED_LENGTH + (remark?.length ?? 0) + extLength);
  let at = out.writeInt16BE(command.code, 0);
  at = out.writeInt8(languageByte(command.language), at);
  at = out.writeInt16BE(command.version, at);
  at = out.writeInt32BE(command.opaque, at);
  at = out.writeInt32BE(command.flag, at);
  at = out.writeInt32BE(remark?.length ?? 0, at);
  if (remark) at += remark.copy(out, at);
  at = out.writeInt32BE(extLength, at);
  for (const [keyBytes, valueBytes] of entries) {
    at = out.writeInt16BE(keyBytes.length, at);
    at += keyBytes.copy(out, at);
    at = out.writeInt32BE(valueBytes.length, at);
    at += valueBytes.copy(out, at);
  }
  return out;
}

export function decodeRocketmqHeader(bytes: Buffer): Omit<RemotingCommand, 'body' | 'serializeType'> {
  if (bytes.length < FIXED_LENGTH) throw new ProtocolError(`ROCKETMQ header of ${bytes.length} bytes is shorter than ${FIXED_LENGTH}`);
  const code = bytes.readInt16BE(0);
  const language = languageName(bytes.readUInt8(2));
  const version = bytes.readInt16BE(3);
  const opaque = bytes.readInt32BE(5);
  const flag = bytes.readInt32BE(9);
  const remarkLength = bytes.readInt32BE(13);
  let at = 17;
  checkSpan(bytes, at, remarkLength, 'remark');
  const remark = remarkLength > 0 ? bytes.toString('utf8', at, at + remarkLength) : undefined;
  at += remarkLength;
  checkSpan(bytes, at, 4, 'extFields length');
  const extLength = bytes.readInt32BE(at);
  at += 4;
  checkSpan(bytes, at, extLength, 'extFields');
  const extFields = extLength > 0 ? decodeExtEntries(bytes, at, at + extLength) : undefined;
  return { code, language, version, opaque, flag, remark, extFields };
}

function decodeExtEntries(bytes: Buffer, start: number, end: number): ExtFields {
  const fields: ExtFields = {};
  let at = start;
  while (at < end) {
    if (end - at < 2) throw new ProtocolError('truncated extFields key length');
    const keyLength = bytes.readInt16BE(at);
    at += 2;
    if (keyLength < 0 || keyLength > end - at) throw new ProtocolError(`extFields key length ${keyLength} out of bounds`);
    const key = bytes.toString('utf8', at, at + keyLength);
    at += keyLength;
    if (end - at < 4) throw new ProtocolError('truncated extFields value length');
    const valueLength = bytes.readInt32BE(at);
    at += 4;
    if (valueLength < 0 || valueLength > end - at) throw new ProtocolError(`extFields value length ${valueLength} out of bounds`);
    const value = bytes.toString('utf8', at, at + valueLength);
    at += valueLength;
    if (key.length > 0 && value.length > 0) setField(fields, key, value);
  }
  return fields;
}

function checkSpan(bytes: Buffer, at: number, length: number, what: string): void {
  if (length < 0 || length > bytes.length - at) {
    throw new ProtocolError(`ROCKETMQ header ${what} length ${length} exceeds the header`);
  }
}
