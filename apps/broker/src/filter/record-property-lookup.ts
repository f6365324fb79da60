import type { PropertyLookup } from '@rocketmq-ts/filter';
import { findRecordProperty, recordPropertiesStart, recordPropertyNeedle } from '@rocketmq-ts/model';

/**
 * A stored record's properties as an SQL92 filter reads them, looked up in the record's bytes:
 * `reset` points it at the next record, and nothing is decoded but the values the expression asks
 * for. One instance serves one compiled expression; evaluation is synchronous, so pulls running
 * at the same time never see each other's record.
 */
export class RecordPropertyLookup implements PropertyLookup {
  private record: Buffer = Buffer.alloc(0);
  private start = -1;
  /** `name U+0001` bytes per property name; an expression names only a few. */
  private readonly needles = new Map<string, Buffer>();

  reset(record: Buffer): this {
    this.record = record;
    this.start = recordPropertiesStart(record);
    return this;
  }

  get(name: string): string | undefined {
    if (this.start < 0) return undefined;
    let needle = this.needles.get(name);
    if (needle === undefined) {
      needle = recordPropertyNeedle(name);
      this.needles.set(name, needle);
    }
    return findRecordProperty(this.record, this.start, this.record.length, needle);
  }
}
