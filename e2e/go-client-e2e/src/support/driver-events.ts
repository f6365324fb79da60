// The JSON lines the Go driver (tools/interop/go) prints on stdout, one object per line; field
// names are the driver's (emit.go, produce.go, consume.go, admin.go).

export interface QueueRef {
  readonly topic: string;
  readonly broker: string;
  readonly queueId: number;
}

interface EventBase {
  /** Unix milliseconds when the driver printed the line. */
  readonly at: number;
}

/** One send: one message, or one batch (`bodies` in batch order). One-way sends have no result fields. */
export interface SentEvent extends EventBase, Partial<QueueRef> {
  readonly event: 'sent';
  readonly mode: 'sync' | 'async' | 'oneway' | 'batch';
  readonly bodies: readonly string[];
  readonly status?: string;
  /** The client's UNIQ_KEY ("" for a batch: the Go client sets none on batched messages). */
  readonly msgId?: string;
  /** The broker's offset message id; for a batch its comma-joined list. */
  readonly offsetMsgId?: string;
  /** For a batch, the first message's offset. */
  readonly queueOffset?: number;
}

export interface SendFailedEvent extends EventBase {
  readonly event: 'send-failed';
  readonly bodies: readonly string[];
  readonly error: string;
}

export interface ReceivedEvent extends EventBase {
  readonly event: 'received';
  readonly msgId: string;
  readonly offsetMsgId: string;
  /** The original topic, also for a redelivery through %RETRY%<group>. */
  readonly topic: string;
  readonly body: string;
  readonly tags: string;
  readonly keys: string;
  readonly shardingKey: string;
  readonly queueOffset: number;
  readonly reconsumeTimes: number;
  readonly bornTimestamp: number;
  readonly storeTimestamp: number;
  /** Every property of the message as consumed (UNIQ_KEY, TAGS, KEYS, REAL_TOPIC, ...). */
  readonly properties: Readonly<Record<string, string>>;
  /** The queue it was pulled from (a %RETRY% queue for a redelivery). */
  readonly queue: QueueRef;
  /** What the driver answered the client. */
  readonly result: 'SUCCESS' | 'RETRY_LATER';
}

/** The consumer's share of a topic's queues changed (its own AllocateByAveragely result). */
export interface AllocatedEvent extends EventBase {
  readonly event: 'allocated';
  readonly topic: string;
  readonly clientId: string;
  readonly members: readonly string[];
  readonly queues: readonly QueueRef[];
  /** How many queues the topic has in all. */
  readonly of: number;
}

export interface TopicsEvent extends EventBase {
  readonly event: 'topics';
  readonly topics: readonly string[];
}

export interface QueuesEvent extends EventBase {
  readonly event: 'queues';
  readonly topic: string;
  readonly queues: readonly QueueRef[];
}

export interface OtherEvent extends EventBase {
  readonly event: 'ready' | 'stopped' | 'done' | 'admin' | 'error';
  readonly [field: string]: unknown;
}

/** One transactional send (`transact`): the decision its local transaction gave. */
export interface TransactionSentEvent extends EventBase {
  readonly event: 'tx-sent';
  readonly body: string;
  readonly decision: 'commit' | 'rollback' | 'unknown';
  readonly msgId: string;
  readonly transactionId: string;
}

/** The broker checked an undecided transaction; the driver answered commit (rollback for a rollback). */
export interface CheckedEvent extends EventBase {
  readonly event: 'checked';
  readonly body: string;
  readonly decision: string;
}

export type DriverEvent =
  | SentEvent
  | SendFailedEvent
  | ReceivedEvent
  | AllocatedEvent
  | TopicsEvent
  | QueuesEvent
  | TransactionSentEvent
  | CheckedEvent
  | OtherEvent;

/** A stdout line as an event; undefined for anything that is not one of the driver's objects. */
export function parseDriverLine(line: string): DriverEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('event' in value) || typeof value.event !== 'string') return undefined;
  // The driver is ours and prints these shapes only; the event name tells which.
  return value as DriverEvent;
}

export function eventsOf<K extends DriverEvent['event']>(events: readonly DriverEvent[], kind: K): Extract<DriverEvent, { event: K }>[] {
  return events.filter((event): event is Extract<DriverEvent, { event: K }> => event.event === kind);
}
