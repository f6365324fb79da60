import { Lane, type LaneOptions } from './lane';
import type { QueuedRequest } from './queued-request';
import { describeHandler, type RemotingRequestHandler } from './remoting-request-handler';

export interface HandlerEntry {
  readonly code: number;
  readonly handler: RemotingRequestHandler;
  readonly lane: Lane<QueuedRequest>;
}

/** One row of the frozen table, for boot logs and code-table snapshot tests. */
export interface HandlerTableRow {
  readonly code: number;
  readonly handler: string;
  readonly lane: string;
}

/** What the dispatcher needs of a table: code → entry. */
export interface HandlerLookup {
  lookup(code: number): HandlerEntry | undefined;
}

/**
 * Request code → handler and lane. Filled during boot, then frozen; the dispatcher only reads it.
 * A Map rather than a dense array: codes reach 200 000+ (the POP family), and a Map lookup is not
 * what bounds dispatch cost.
 */
export class HandlerTable implements HandlerLookup {
  private readonly entries = new Map<number, HandlerEntry>();
  private readonly lanes = new Map<string, Lane<QueuedRequest>>();
  private isFrozen = false;

  constructor(lanes: readonly LaneOptions[]) {
    for (const options of lanes) {
      if (this.lanes.has(options.name)) throw new Error(`lane ${options.name} is defined twice`);
      this.lanes.set(options.name, new Lane<QueuedRequest>(options));
    }
  }

  /** Binds `code` to `handler` in lane `laneName`. Throws on a duplicate code, naming both handlers. */
  register(code: number, handler: RemotingRequestHandler, laneName: string): void {
    if (this.isFrozen) throw new Error(`handler table is frozen; cannot register code ${code}`);
    if (!Number.isInteger(code)) throw new RangeError(`request code must be an integer, got ${code}`);
    const existing = this.entries.get(code);
    if (existing) {
      throw new Error(
        `request code ${code} is registered twice: by ${describeHandler(existing.handler)} and by ${describeHandler(handler)}`,
      );
    }
    const lane = this.lanes.get(laneName);
    if (!lane) {
      throw new Error(
        `request code ${code} (${describeHandler(handler)}) names unknown lane ${laneName}; lanes: ${[...this.lanes.keys()].join(', ')}`,
      );
    }
    this.entries.set(code, { code, handler, lane });
  }

  freeze(): void {
    this.isFrozen = true;
  }

  get frozen(): boolean {
    return this.isFrozen;
  }

  lookup(code: number): HandlerEntry | undefined {
    return this.entries.get(code);
  }

  lane(name: string): Lane<QueuedRequest> | undefined {
    return this.lanes.get(name);
  }

  /** Every registered code in ascending order. */
  rows(): HandlerTableRow[] {
    return [...this.entries.values()]
      .sort((a, b) => a.code - b.code)
      .map((entry) => ({ code: entry.code, handler: describeHandler(entry.handler), lane: entry.lane.name }));
  }
}
