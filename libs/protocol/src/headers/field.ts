/**
 * One header = one field list: `{ topic: field.string(), queueId: field.int(), ... }`. The list
 * gives the header's TypeScript type (`HeaderOf`), and `headerCodec` (header-codec.ts) builds its
 * encode and decode from it, so a field is written once, not in an interface, an encoder and a
 * decoder (docs/remoting-protocol.md#custom-headers-from-field-lists).
 *
 * The kinds are Java's field types as `decodeCommandCustomHeader` reads them: String, Integer,
 * Long (a quantity, saturated at ±(2^53 − 1)), Long read exactly as a bigint (a token the
 * broker only compares and echoes), Boolean.
 */
export type FieldKind = 'string' | 'int' | 'long' | 'exactLong' | 'boolean';

export interface FieldValues {
  readonly string: string;
  readonly int: number;
  readonly long: number;
  readonly exactLong: bigint;
  readonly boolean: boolean;
}

/**
 * required: decode refuses the header without it; encode always writes it.
 * optional: absent reads as undefined; encode leaves undefined out.
 * defaulted: absent reads as the default (Java's field initialiser); encode always writes it.
 */
export type Presence = 'required' | 'optional' | 'defaulted';

/** Text that counts as absent: Java tools write an empty string for null, `isBlank` checks trim too. */
export type AbsentText = 'empty' | 'blank';

/** What a Field holds; one object so each modifier copies it with one change. */
interface FieldSpec<K extends FieldKind, P extends Presence> {
  readonly kind: K;
  readonly presence: P;
  /** The extFields key when it is not the property name (`bname`, `MSG_REGION`). */
  readonly wireKey?: string;
  readonly fallback?: FieldValues[K];
  readonly absentText?: AbsentText;
}

export class Field<K extends FieldKind = FieldKind, P extends Presence = Presence> {
  readonly kind: K;
  readonly presence: P;
  /** The extFields key when it is not the property name (`bname`, `MSG_REGION`). */
  readonly wireKey?: string;
  readonly fallback?: FieldValues[K];
  readonly absentText?: AbsentText;

  constructor(spec: FieldSpec<K, P>) {
    this.kind = spec.kind;
    this.presence = spec.presence;
    this.wireKey = spec.wireKey;
    this.fallback = spec.fallback;
    this.absentText = spec.absentText;
  }

  optional(): Field<K, 'optional'> {
    return new Field({ ...this.spec(), presence: 'optional', fallback: undefined });
  }

  default(value: FieldValues[K]): Field<K, 'defaulted'> {
    return new Field({ ...this.spec(), presence: 'defaulted', fallback: value });
  }

  key(wireKey: string): Field<K, P> {
    return new Field({ ...this.spec(), wireKey });
  }

  /** Reads `''` (empty) or any all-space text (blank) as if the key were not sent. */
  absentWhen(text: AbsentText): Field<K, P> {
    return new Field({ ...this.spec(), absentText: text });
  }

  private spec(): FieldSpec<K, P> {
    return { kind: this.kind, presence: this.presence, wireKey: this.wireKey, fallback: this.fallback, absentText: this.absentText };
  }
}

export const field = {
  string: (): Field<'string', 'required'> => new Field({ kind: 'string', presence: 'required' }),
  int: (): Field<'int', 'required'> => new Field({ kind: 'int', presence: 'required' }),
  long: (): Field<'long', 'required'> => new Field({ kind: 'long', presence: 'required' }),
  exactLong: (): Field<'exactLong', 'required'> => new Field({ kind: 'exactLong', presence: 'required' }),
  boolean: (): Field<'boolean', 'required'> => new Field({ kind: 'boolean', presence: 'required' }),
};

export type FieldList = Readonly<Record<string, Field>>;

type ValueOf<F> = F extends Field<infer K> ? FieldValues[K] : never;
type OptionalKey<L extends FieldList> = { [P in keyof L]: L[P] extends Field<FieldKind, 'optional'> ? P : never }[keyof L];

/** The decoded header a field list describes: optional fields are `?:`, the others always set. */
export type HeaderOf<L extends FieldList> = {
  readonly [P in Exclude<keyof L, OptionalKey<L>>]: ValueOf<L[P]>;
} & {
  readonly [P in OptionalKey<L>]?: ValueOf<L[P]>;
} extends infer H
  ? { [P in keyof H]: H[P] }
  : never;
