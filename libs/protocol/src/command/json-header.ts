import { readJson } from '../json/json-reader';
import { ProtocolError } from './protocol-error';
import type { ExtFields, RemotingCommand } from './remoting-command';

/**
 * JSON header (serialize type 0), written as Java's fastjson writes it: properties in alphabetical
 * order, nulls omitted, extFields values as strings (GO decodes them into map[string]string).
 */
export function encodeJsonHeader(command: RemotingCommand): Buffer {
  const header = {
    code: command.code,
    extFields: command.extFields,
    flag: command.flag,
    language: command.language,
    opaque: command.opaque,
    remark: command.remark,
    serializeTypeCurrentRPC: 'JSON',
    version: command.version,
  };
  return Buffer.from(JSON.stringify(header), 'utf8');
}

interface JsonHeaderFields {
  code?: unknown;
  language?: unknown;
  version?: unknown;
  opaque?: unknown;
  flag?: unknown;
  remark?: unknown;
  extFields?: unknown;
}

/**
 * Decodes a JSON header; ali-ons sends numbers and booleans in extFields, which become strings.
 * JSON.parse reads the common case fast; a header it refuses (fastjson's single quotes or bare
 * keys) or whose extFields hold an integer beyond ±2^53 (a Java long written as a number, which
 * JSON.parse would round) is read again with the lenient reader, which keeps every digit
 * (docs/remoting-protocol.md#java-long-fields).
 */
export function decodeJsonHeader(bytes: Buffer): Omit<RemotingCommand, 'body' | 'serializeType'> {
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    if (hasInexactInteger(parsed)) parsed = readJson(text);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    parsed = readLeniently(text, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProtocolError('header JSON is not an object');
  }
  const fields = parsed as JsonHeaderFields;
  return {
    code: requireInt(fields.code, 'code'),
    language: typeof fields.language === 'string' ? fields.language : 'OTHER',
    version: optionalInt(fields.version, 'version'),
    opaque: optionalInt(fields.opaque, 'opaque'),
    flag: optionalInt(fields.flag, 'flag'),
    remark: typeof fields.remark === 'string' ? fields.remark : undefined,
    extFields: decodeExtFields(fields.extFields),
  };
}

function readLeniently(text: string, strictError: unknown): unknown {
  try {
    return readJson(text);
  } catch {
    throw new ProtocolError(`header is not valid JSON: ${(strictError as Error).message}`);
  }
}

function hasInexactInteger(parsed: unknown): boolean {
  const ext = typeof parsed === 'object' && parsed !== null ? (parsed as JsonHeaderFields).extFields : undefined;
  if (typeof ext !== 'object' || ext === null) return false;
  for (const value of Object.values(ext))
    if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) return true;
  return false;
}

function requireInt(value: unknown, name: string): number {
  // Java binds these to int fields; anything beyond int32 cannot have come from a real peer.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new ProtocolError(`header field ${name} must be a 32-bit integer`);
  }
  return value;
}

function optionalInt(value: unknown, name: string): number {
  return value === undefined || value === null ? 0 : requireInt(value, name);
}

function decodeExtFields(value: unknown): ExtFields | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ProtocolError('header field extFields must be an object');
  }
  const fields: ExtFields = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === null || raw === undefined) continue;
    if (typeof raw === 'string') setField(fields, key, raw);
    else if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') setField(fields, key, String(raw));
    else throw new ProtocolError(`extFields.${key} must be a string, number or boolean`);
  }
  return fields;
}

/** A `__proto__` key must become an own field, not replace the object's prototype. */
export function setField(fields: ExtFields, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
  else fields[key] = value;
}
