/**
 * Typed failures of the model codecs.
 *
 * Decoders see bytes from peers and from disk, so anything they reject is an input problem: they
 * throw only `MessageDecodeError`, which carries where the bad record starts and why, and never let
 * a RangeError from a Buffer read escape. Encoders reject values the wire cannot carry (a 200-byte
 * topic in a V1 record, a separator inside a property) with `MessageEncodeError`; those are caller
 * bugs, but a typed error lets a broker answer MESSAGE_ILLEGAL instead of crashing.
 */
export class MessageDecodeError extends Error {
  override readonly name = 'MessageDecodeError';

  constructor(
    /** Byte offset, in the buffer given to the decoder, of the record (or id) that failed. */
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} (at offset ${offset})`);
  }
}

export class MessageEncodeError extends Error {
  override readonly name = 'MessageEncodeError';

  constructor(readonly reason: string) {
    super(reason);
  }
}
