import type { ExtFields } from '../command/remoting-command';
import type { AbsentText, FieldKind, FieldList, HeaderOf, Presence } from './field';
import { HeaderError } from './header-error';
import { parseExactLong, parseInt32, parseJavaBoolean, parseLong } from './header-fields';

/**
 * encode/decode of a custom header, built once at module load from its field list (field.ts;
 * docs/remoting-protocol.md#custom-headers-from-field-lists).
 *
 * Invariants, which keep the wire and the errors what the hand-written codecs produced:
 * - decode reads the fields in list order into one object literal that sets every property,
 *   undefined ones included (so every decoded header of one kind has one shape); the first bad
 *   field throws a HeaderError naming the header and the wire key.
 * - encode writes the always-present fields (required, defaulted) in list order, then the
 *   defined optional ones in list order: the extFields key order this codebase has always sent.
 *
 * Why the two functions are generated source rather than a loop over the fields: the send
 * header is read once per message, and a loop that stores to a different key each turn makes
 * every store megamorphic (measured 1.5× slower decode and 4× slower encode than hand-written
 * code; `npx nx run bench:headers`). The generated code is what one would write by hand: one
 * object literal, constant property names. Only property names and keys from our own field
 * lists reach it, and each is checked to be a plain identifier first.
 */
export interface CompiledField {
  /** The property on the decoded header. */
  readonly property: string;
  /** The extFields key. */
  readonly key: string;
  readonly kind: FieldKind;
  readonly presence: Presence;
  readonly fallback: unknown;
  readonly absentText: AbsentText | undefined;
}

export interface HeaderCodec<T> {
  /** The Java class name errors use. */
  readonly headerName: string;
  /** The field list, in decode order. */
  readonly fields: readonly CompiledField[];
  encode(header: T): ExtFields;
  decode(ext: ExtFields | undefined): T;
}

export function headerCodec<L extends FieldList>(headerName: string, list: L): HeaderCodec<HeaderOf<L>> {
  return compileHeader(headerName, compileFields(list)) as HeaderCodec<HeaderOf<L>>;
}

export function compileFields(list: FieldList): CompiledField[] {
  return Object.entries(list).map(([property, spec]) => ({
    property: identifier(property),
    key: identifier(spec.wireKey ?? property),
    kind: spec.kind,
    presence: spec.presence,
    fallback: spec.fallback,
    absentText: spec.absentText,
  }));
}

export function compileHeader(headerName: string, fields: readonly CompiledField[]): HeaderCodec<object> {
  const always = fields.filter((spec) => spec.presence !== 'optional');
  const optional = fields.filter((spec) => spec.presence === 'optional');
  const text = (spec: CompiledField, value: string): string => (spec.kind === 'string' ? value : `String(${value})`);
  const encodeSource = [
    `const ext = { ${always.map((spec) => `${spec.key}: ${text(spec, `header.${spec.property}`)}`).join(', ')} };`,
    ...optional.map((spec) => `if (header.${spec.property} !== undefined) ext.${spec.key} = ${text(spec, `header.${spec.property}`)};`),
    'return ext;',
  ].join('\n');
  const decodeSource = [
    'const sent = ext ?? NOTHING;',
    `return { ${fields.map((spec, index) => `${spec.property}: readField(headerName, fields[${index}], sent.${spec.key})`).join(', ')} };`,
  ].join('\n');
  return {
    headerName,
    fields,
    encode: new Function('header', encodeSource) as (header: object) => ExtFields,
    decode: new Function('readField', 'headerName', 'fields', 'NOTHING', `return (ext) => { ${decodeSource} };`)(
      readField,
      headerName,
      fields,
      NOTHING,
    ) as (ext: ExtFields | undefined) => object,
  };
}

const NOTHING: ExtFields = Object.freeze({});

/** One field's value from its extFields text: absent → the default (or an error when required), else parsed. */
function readField(headerName: string, spec: CompiledField, text: string | undefined): unknown {
  if (text === undefined || (spec.absentText !== undefined && isAbsentText(spec.absentText, text))) {
    if (spec.presence === 'required') throw new HeaderError(headerName, spec.key, 'missing');
    return spec.fallback;
  }
  switch (spec.kind) {
    case 'string':
      return text;
    case 'int':
      return parseInt32(text, spec.key, headerName);
    case 'long':
      return parseLong(text, spec.key, headerName);
    case 'exactLong':
      return parseExactLong(text, spec.key, headerName);
    case 'boolean':
      return parseJavaBoolean(text);
  }
}

function isAbsentText(rule: AbsentText, text: string): boolean {
  return rule === 'empty' ? text === '' : text.trim() === '';
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`header field name ${JSON.stringify(name)} is not a plain identifier`);
  return name;
}
