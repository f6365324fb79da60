import { readInt64 } from '@rocketmq-ts/base';

import type { RunningJava } from './java-client';

// Which broker stored each acknowledged send, read from the offset message ids InteropProducer
// prints: the controller-mode suites and bench:controller-failover time failovers with it
// (docs/controller-mode-broker.md#tests).

/** One answered send of InteropProducer, with the broker that stored it (from the offset message id). */
export interface StoredAck {
  readonly key: string;
  readonly status: string;
  readonly atMs: number;
  /** `ip:port` of the broker that stored the message. */
  readonly storeHost: string;
  /** Its commit-log offset on that broker. */
  readonly physicalOffset: number;
}

/**
 * An offset message id is 16 bytes in hex: the storing broker's IPv4 address and port (4 bytes
 * each), then the record's commit-log offset (8 bytes). RocketMQ builds it on the broker, so it
 * names the broker that acknowledged the send, whatever the client thought it was talking to.
 */
export function decodeOffsetMsgId(id: string): { storeHost: string; physicalOffset: number } | undefined {
  if (!/^[0-9A-Fa-f]{32}$/.test(id)) return undefined;
  const bytes = Buffer.from(id, 'hex');
  return { storeHost: `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}:${bytes.readUInt32BE(4)}`, physicalOffset: readInt64(bytes, 8) };
}

/** Every complete SEND line a (running or finished) InteropProducer printed so far. */
export function storedAcksOf(run: RunningJava): StoredAck[] {
  const acks: StoredAck[] = [];
  for (const line of run.child.lines()) {
    if (!line.text.startsWith('SEND {')) continue;
    let send: { key?: string; status?: string; atMs?: number; offsetMsgId?: string };
    try {
      send = JSON.parse(line.text.slice('SEND '.length)) as typeof send;
    } catch {
      continue; // the last line of a killed producer may be cut short
    }
    const where = decodeOffsetMsgId(send.offsetMsgId ?? '');
    if (send.key === undefined || send.status === undefined || send.atMs === undefined || where === undefined) continue;
    acks.push({ key: send.key, status: send.status, atMs: send.atMs, ...where });
  }
  return acks;
}

/** The acknowledged (SEND_OK) sends stored by `host`, in send order. */
export function okFrom(acks: readonly StoredAck[], host: string): StoredAck[] {
  return acks.filter((ack) => ack.status === 'SEND_OK' && ack.storeHost === host);
}
