/**
 * The BLANK record that closes a commit-log segment when the next record does not fit
 * (docs/store-and-ha.md#commit-log). Only the first 8 bytes are written; the rest of the segment stays as it is.
 *
 *   pos  size  field
 *     0  4     TOTALSIZE    bytes left in the segment from here, marker included
 *     4  4     MAGICCODE    0xCBD43194
 *
 * It never appears in a pull body. A reader that meets it skips to the next segment start.
 */
export const BLANK_MAGIC_CODE = 0xcbd43194 | 0;

/** The marker's size, and the space a writer must always leave at the end of a segment. */
export const END_FILE_MIN_BLANK_BYTES = 8;

/** Writes the marker at `target[offset]`; `remainingBytes` is what is left of the segment. */
export function writeEndOfFileMarkerInto(target: Buffer, offset: number, remainingBytes: number): void {
  target.writeInt32BE(remainingBytes, offset);
  target.writeInt32BE(BLANK_MAGIC_CODE, offset + 4);
}

/** True when the 8 bytes at `offset` exist and carry the BLANK magic; the size field is not trusted. */
export function isEndOfFileMarker(source: Uint8Array, offset: number): boolean {
  if (!Number.isInteger(offset) || offset < 0 || offset + END_FILE_MIN_BLANK_BYTES > source.length) return false;
  return source[offset + 4] === 0xcb && source[offset + 5] === 0xd4 && source[offset + 6] === 0x31 && source[offset + 7] === 0x94;
}
