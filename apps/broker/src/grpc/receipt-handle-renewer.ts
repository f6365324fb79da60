import type { Logger } from '@rocketmq-ts/base';

import { decodeReceiptHandle } from './grpc-converters';
import type { V2Message, V2Status } from './v2-types';

/** Renew a handle when it has less than this left (the proxy's renewAheadTimeMillis). */
const RENEW_AHEAD_MS = 10_000;
/** Stop renewing after this long: the message then comes back at its expiry (renewMaxTimeMillis). */
const RENEW_MAX_MS = 3 * 3_600_000;
/** A client silent this long (no heartbeat, no receive) is gone: its messages are no longer renewed (channelExpiredTimeout). */
const CLIENT_SILENT_MS = 120_000;
/** Hidden time left to a released message: it comes back about at once (invisibleTimeMillisWhenClear). */
const RELEASED_INVISIBLE_MS = 1000;

interface Tracked {
  readonly clientId: string;
  readonly group: string;
  readonly topic: string;
  handle: string;
  expiresAt: number;
  readonly receivedAt: number;
  /** A renewal in flight: whoever takes the entry waits for it, so it gets the handle that is alive. */
  renewing: Promise<void> | undefined;
}

/** Changes a message's invisible time by handle: the new handle, or the failure. */
export type ChangeInvisible = (
  group: string,
  topic: string,
  receiptHandle: string,
  invisibleMs: number,
) => Promise<{ status: V2Status; receipt_handle: string }>;

/**
 * Server-side renewal for `auto_renew` receives (push consumers; docs/grpc-and-pop.md#push-consumers),
 * as the proxy's receipt-handle manager does. Invariants: a message received with auto_renew is
 * tracked by (client, group, message id) until the client acks it, changes its invisible time,
 * forwards it to the DLQ, or goes away (terminates, or is silent for CLIENT_SILENT_MS); while tracked its handle is
 * renewed (change invisible time
 * to `invisibleMs`) whenever less than RENEW_AHEAD_MS is left, so a slow consumption is not
 * delivered twice. Each renewal makes a new handle; the client still names the one it received,
 * so `take` hands back the newest. After RENEW_MAX_MS, or when a renewal fails, the message is let
 * go and comes back at its expiry like any other.
 */
export class ReceiptHandleRenewer {
  private readonly tracked = new Map<string, Tracked>();
  private readonly lastSeen = new Map<string, number>();
  private running = false;

  constructor(
    private readonly options: {
      readonly invisibleMs: number;
      readonly now: () => number;
      readonly change: ChangeInvisible;
      readonly logger: Logger;
    },
  ) {}

  get size(): number {
    return this.tracked.size;
  }

  /** The client is alive (a heartbeat): keep renewing its messages. */
  seen(clientId: string): void {
    if (this.lastSeen.has(clientId)) this.lastSeen.set(clientId, this.options.now());
  }

  track(clientId: string, group: string, topic: string, message: V2Message): void {
    this.lastSeen.set(clientId, this.options.now());
    const handle = message.system_properties.receipt_handle ?? '';
    const decoded = decodeReceiptHandle(handle);
    if (decoded === undefined) return;
    this.tracked.set(key(clientId, group, message.system_properties.message_id), {
      clientId,
      group,
      topic,
      handle,
      expiresAt: decoded.info.popTime + decoded.info.invisibleTime,
      receivedAt: this.options.now(),
      renewing: undefined,
    });
  }

  /**
   * The client is done with the message (ack, change, DLQ): its newest handle, else the one it
   * sent. A renewal in flight is waited for, since it replaces the handle: acking the one before
   * would leave the renewal's checkpoint un-acked and the message would come back.
   */
  async take(clientId: string, group: string, messageId: string, receiptHandle: string): Promise<string> {
    const id = key(clientId, group, messageId);
    const entry = this.tracked.get(id);
    if (entry === undefined) return receiptHandle;
    this.tracked.delete(id);
    if (entry.renewing !== undefined) await entry.renewing;
    return entry.handle;
  }

  /** One pass: renews every handle close to its expiry. Passes do not overlap. */
  async renewDue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const now = this.options.now();
      for (const [id, entry] of [...this.tracked]) {
        if (entry.expiresAt - now > RENEW_AHEAD_MS) continue;
        const silent = now - (this.lastSeen.get(entry.clientId) ?? 0) > CLIENT_SILENT_MS;
        if (silent || now - entry.receivedAt >= RENEW_MAX_MS || entry.expiresAt <= now) {
          this.tracked.delete(id);
          continue;
        }
        entry.renewing = this.renew(id, entry);
        await entry.renewing;
        entry.renewing = undefined;
      }
      const holding = new Set([...this.tracked.values()].map((entry) => entry.clientId));
      for (const clientId of this.lastSeen.keys()) if (!holding.has(clientId)) this.lastSeen.delete(clientId);
    } finally {
      this.running = false;
    }
  }

  /** One change of invisible time; on failure the entry keeps its handle and is let go (it comes back at its expiry). */
  private async renew(id: string, entry: Tracked): Promise<void> {
    const changed = await this.options
      .change(entry.group, entry.topic, entry.handle, this.options.invisibleMs)
      .catch((error: unknown) => ({ status: { code: 'INTERNAL_SERVER_ERROR', message: String(error) }, receipt_handle: '' }));
    const decoded = changed.status.code === 'OK' ? decodeReceiptHandle(changed.receipt_handle) : undefined;
    if (decoded === undefined) {
      this.options.logger.warn(
        { group: entry.group, topic: entry.topic, status: changed.status },
        'receipt handle renewal failed; the message comes back at its expiry',
      );
      if (this.tracked.get(id) === entry) this.tracked.delete(id);
      return;
    }
    entry.handle = changed.receipt_handle;
    entry.expiresAt = decoded.info.popTime + decoded.info.invisibleTime;
  }

  /** The client went away: its messages come back about at once instead of at their expiry. */
  async release(clientId: string): Promise<void> {
    this.lastSeen.delete(clientId);
    for (const [id, entry] of [...this.tracked]) {
      if (entry.clientId !== clientId) continue;
      this.tracked.delete(id);
      await this.options.change(entry.group, entry.topic, entry.handle, RELEASED_INVISIBLE_MS).catch(() => undefined);
    }
  }
}

function key(clientId: string, group: string, messageId: string): string {
  return `${clientId}\u0000${group}\u0000${messageId}`;
}
