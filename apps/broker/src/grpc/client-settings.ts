import { toDuration, type V2Settings } from './v2-types';

const MAX_BODY_SIZE = 4 * 1024 * 1024;
const RECEIVE_BATCH_SIZE = 32;
const LONG_POLLING_MS = 20_000;

/** What a consumer group's settings depend on: its consumeMessageOrderly and retryMaxTimes + 1. */
export interface GroupPolicy {
  fifo(group: string): boolean;
  /** Deliveries before the client forwards a failing message to the DLQ. */
  maxAttempts(group: string): number;
}

/**
 * Client settings by client id (x-mq-client-id), from the Telemetry handshake
 * (docs/grpc-and-pop.md#grpc-endpoint). The reply merges in what the server decides: back-off,
 * body size, batch size, polling time, FIFO, and the attempts of the group's retryMaxTimes + 1 (after the
 * last one a push consumer forwards the message to the DLQ itself). Both clients wait for it before they start; the Node
 * client crashes on a producer reply without an exponential back-off, so one is always sent.
 */
export class ClientSettingsTable {
  private readonly byClient = new Map<string, V2Settings>();

  get(clientId: string): V2Settings | undefined {
    return this.byClient.get(clientId);
  }

  remove(clientId: string): void {
    this.byClient.delete(clientId);
  }

  /** Stores the client's settings and returns the merged ones to send back. */
  merge(clientId: string, settings: V2Settings, group: GroupPolicy): V2Settings {
    this.byClient.set(clientId, settings);
    const exponential = (initialMs: number, maxMs: number, attempts: number) => ({
      max_attempts: attempts,
      exponential_backoff: { initial: toDuration(initialMs), max: toDuration(maxMs), multiplier: 2 },
    });
    if (settings.subscription !== undefined && settings.subscription !== null) {
      const name = settings.subscription.group?.name ?? '';
      return {
        ...settings,
        backoff_policy: exponential(1000, 60_000, group.maxAttempts(name)),
        subscription: {
          ...settings.subscription,
          fifo: group.fifo(name),
          receive_batch_size: RECEIVE_BATCH_SIZE,
          long_polling_timeout: toDuration(LONG_POLLING_MS),
        },
      };
    }
    return {
      ...settings,
      backoff_policy: exponential(10, 1000, 3),
      publishing: {
        topics: settings.publishing?.topics ?? [],
        max_body_size: MAX_BODY_SIZE,
        validate_message_type: settings.publishing?.validate_message_type ?? true,
      },
    };
  }
}
