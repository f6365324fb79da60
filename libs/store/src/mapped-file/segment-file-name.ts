/**
 * Segment files are named by their start offset, zero-padded to 20 digits (docs/store-and-ha.md#commit-log), so
 * a directory listing sorted by name is sorted by offset and a name alone locates its bytes.
 */
export const SEGMENT_FILE_NAME_DIGITS = 20;

const SEGMENT_FILE_NAME = /^\d{20}$/;

/** `00000000000001048576` for 1048576. */
export function segmentFileName(startOffset: number): string {
  return String(startOffset).padStart(SEGMENT_FILE_NAME_DIGITS, '0');
}

/** The start offset a segment file name encodes, or undefined for any other file (temp files, `.bak`). */
export function parseSegmentFileName(name: string): number | undefined {
  if (!SEGMENT_FILE_NAME.test(name)) return undefined;
  const offset = Number(name);
  return Number.isSafeInteger(offset) ? offset : undefined;
}
