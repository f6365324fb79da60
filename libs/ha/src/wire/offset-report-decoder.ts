/**
 * The master's cut of a slave's byte stream into 8-byte offset reports (ha-wire.ts). A report
 * may arrive split across chunks; at most 7 bytes are held back between chunks.
 */
import { OFFSET_REPORT_BYTES, readOffset } from './ha-wire';

export class OffsetReportDecoder {
  private readonly partial = Buffer.alloc(OFFSET_REPORT_BYTES);
  private partialBytes = 0;

  /** Hands every complete report to `onReport`, in order. Throws HAProtocolError on a report that is no offset. */
  push(chunk: Buffer, onReport: (offset: number) => void): void {
    let at = 0;
    if (this.partialBytes > 0) {
      const taken = Math.min(OFFSET_REPORT_BYTES - this.partialBytes, chunk.length);
      chunk.copy(this.partial, this.partialBytes, 0, taken);
      this.partialBytes += taken;
      at = taken;
      if (this.partialBytes < OFFSET_REPORT_BYTES) return;
      this.partialBytes = 0;
      onReport(readOffset(this.partial, 0));
    }
    for (; chunk.length - at >= OFFSET_REPORT_BYTES; at += OFFSET_REPORT_BYTES) onReport(readOffset(chunk, at));
    this.partialBytes = chunk.copy(this.partial, 0, at);
  }
}
