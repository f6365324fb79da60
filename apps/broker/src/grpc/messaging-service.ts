import * as grpc from '@grpc/grpc-js';

import type { Logger } from '@rocketmq-ts/base';

import type { ProducerManager } from '../clients/producer-manager';
import type { ClientSettingsTable } from './client-settings';
import type { ConsumerActivity } from './consumer-activity';
import { LocalCall } from './local-remoting';
import type { ProducerActivity } from './producer-activity';
import type { ReceiptHandleRenewer } from './receipt-handle-renewer';
import type { RouteActivity } from './route-activity';
import { TelemetryProducer } from './telemetry-producer';
import type { TransactionActivity } from './transaction-activity';
import {
  fromDuration,
  toTimestamp,
  type V2FilterExpression,
  type V2Message,
  type V2Resource,
  type V2Settings,
  type V2Status,
  type V2TelemetryCommand,
  v2Status,
} from './v2-types';

const CLIENT_ID = 'x-mq-client-id';

export interface MessagingServiceDeps {
  readonly route: RouteActivity;
  readonly producer: ProducerActivity;
  readonly consumer: ConsumerActivity;
  readonly transactions: TransactionActivity;
  readonly settings: ClientSettingsTable;
  /** The group's consumeMessageOrderly: FIFO consumption. */
  readonly isFifoGroup: (group: string) => boolean;
  /** The group's retryMaxTimes + 1: what consumers are told in their settings. */
  readonly maxAttempts: (group: string) => number;
  /** The broker's producer table: gRPC producers are registered there for transaction checks. */
  readonly producers: ProducerManager;
  /** Renews what auto_renew receives handed out until the client is done with it. */
  readonly renewer: ReceiptHandleRenewer;
  readonly now: () => number;
  readonly logger: Logger;
}

type Unary = (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: grpc.sendUnaryData<unknown>) => void;

type UnaryHandler = (
  request: Record<string, unknown>,
  call: LocalCall,
  clientId: string,
) => Promise<Record<string, unknown>> | Record<string, unknown>;
type UnaryRpc = (name: string, handler: UnaryHandler) => Unary;

/** Wraps one unary RPC: a client id is required, a failure is logged and answered INTERNAL_SERVER_ERROR, the local call ends. */
function unaryRpc(deps: MessagingServiceDeps): UnaryRpc {
  return (name, handler) => (call, callback) => {
    const clientId = String(call.metadata.get(CLIENT_ID)[0] ?? '');
    if (clientId === '') {
      callback(null, { status: v2Status('CLIENT_ID_REQUIRED', `${CLIENT_ID} header is required`) });
      return;
    }
    const local = new LocalCall(call.getPeer());
    call.on('cancelled', () => local.end());
    Promise.resolve()
      .then(() => handler(call.request, local, clientId))
      .then(
        (response) => callback(null, response),
        (error: unknown) => {
          deps.logger.error({ err: error, rpc: name, clientId }, 'gRPC handler failed');
          callback(null, { status: v2Status('INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)) });
        },
      )
      .finally(() => local.end());
  };
}

const resourceName = (value: unknown): string => (value as V2Resource | null | undefined)?.name ?? '';

/**
 * `apache.rocketmq.v2.MessagingService` handlers (docs/grpc-and-pop.md#grpc-endpoint). Invariants:
 * business outcomes travel as gRPC OK with a v2 Status in the body, as the proxy answers; a
 * request without x-mq-client-id gets CLIENT_ID_REQUIRED; a handler that throws answers
 * INTERNAL_SERVER_ERROR and logs, never takes the broker down; the RPCs the Apache proxy does not
 * implement (Pull/offset/recall/lite) answer gRPC UNIMPLEMENTED.
 */
export function messagingServiceHandlers(deps: MessagingServiceDeps): grpc.UntypedServiceImplementation {
  const unary = unaryRpc(deps);
  const unimplemented: Unary = (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: 'not implemented by this server (nor by the Apache proxy)' }, null);
  /** The Telemetry stream of each producer client, by client id: where its transaction checks go. */
  const telemetryProducers = new Map<string, TelemetryProducer>();

  return {
    QueryRoute: unary('QueryRoute', (request) => deps.route.queryRoute(resourceName(request['topic']))),
    Heartbeat: unary('Heartbeat', (_request, _call, clientId) => {
      telemetryProducers.get(clientId)?.register();
      deps.renewer.seen(clientId);
      return { status: v2Status('OK') };
    }),
    QueryAssignment: unary('QueryAssignment', (request) =>
      deps.route.queryAssignment(resourceName(request['topic']), deps.isFifoGroup(resourceName(request['group']))),
    ),
    SendMessage: unary('SendMessage', (request, call) =>
      deps.producer.sendMessages(call, (request['messages'] as V2Message[] | undefined) ?? []),
    ),
    ...consumerRpcs(deps, unary),
    EndTransaction: unary('EndTransaction', async (request, call) => ({
      status: await deps.transactions.end(call, {
        transactionId: String(request['transaction_id'] ?? ''),
        messageId: String(request['message_id'] ?? ''),
        topic: resourceName(request['topic']),
        resolution: String(request['resolution'] ?? ''),
        fromCheck: request['source'] === 'SOURCE_SERVER_CHECK',
      }),
    })),
    NotifyClientTermination: unary('NotifyClientTermination', async (_request, _call, clientId) => {
      deps.settings.remove(clientId);
      await deps.renewer.release(clientId);
      return { status: v2Status('OK') };
    }),
    ReceiveMessage: (call: grpc.ServerWritableStream<Record<string, unknown>, unknown>) => void receiveMessage(deps, call),
    Telemetry: (call: grpc.ServerDuplexStream<V2TelemetryCommand, V2TelemetryCommand>) => telemetry(deps, call, telemetryProducers),
    PullMessage: (call: grpc.ServerWritableStream<unknown, unknown>) =>
      call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'PullMessage is not implemented' }),
    UpdateOffset: unimplemented,
    GetOffset: unimplemented,
    QueryOffset: unimplemented,
    RecallMessage: unimplemented,
    SyncLiteSubscription: unimplemented,
  };
}

/** The consumer's RPCs after a receive: ack, change the invisible time, forward to the DLQ. */
function consumerRpcs(deps: MessagingServiceDeps, unary: UnaryRpc): grpc.UntypedServiceImplementation {
  return {
    AckMessage: unary('AckMessage', async (request, call, clientId) => {
      const group = resourceName(request['group']);
      const topic = resourceName(request['topic']);
      const entries = (request['entries'] as Array<{ message_id: string; receipt_handle: string }> | undefined) ?? [];
      const results: Array<{ message_id: string; receipt_handle: string; status: V2Status }> = [];
      for (const entry of entries)
        results.push({
          ...entry,
          status: await deps.consumer.ack(
            call,
            group,
            topic,
            await deps.renewer.take(clientId, group, entry.message_id, entry.receipt_handle),
          ),
        });
      const codes = new Set(results.map((result) => result.status.code));
      const status =
        results.length === 0
          ? v2Status('BAD_REQUEST', 'no entry to ack')
          : codes.size === 1
            ? (results[0]?.status ?? v2Status('OK'))
            : v2Status('MULTIPLE_RESULTS', 'the entries had different outcomes');
      return { status, entries: results };
    }),
    ChangeInvisibleDuration: unary('ChangeInvisibleDuration', async (request, call, clientId) => {
      const group = resourceName(request['group']);
      const handle = await deps.renewer.take(clientId, group, String(request['message_id'] ?? ''), String(request['receipt_handle'] ?? ''));
      return deps.consumer.changeInvisible(call, {
        group,
        topic: resourceName(request['topic']),
        receiptHandle: handle,
        invisibleMs: fromDuration(request['invisible_duration'] as never) ?? 0,
      });
    }),
    ForwardMessageToDeadLetterQueue: unary('ForwardMessageToDeadLetterQueue', async (request, call, clientId) => {
      const group = resourceName(request['group']);
      const messageId = String(request['message_id'] ?? '');
      const handle = await deps.renewer.take(clientId, group, messageId, String(request['receipt_handle'] ?? ''));
      return {
        status: await deps.consumer.forwardToDeadLetterQueue(call, {
          group,
          topic: resourceName(request['topic']),
          receiptHandle: handle,
          messageId,
        }),
      };
    }),
  };
}

async function receiveMessage(
  deps: MessagingServiceDeps,
  call: grpc.ServerWritableStream<Record<string, unknown>, unknown>,
): Promise<void> {
  const finish = (status: V2Status): void => {
    call.write({ status });
    call.write({ delivery_timestamp: toTimestamp(deps.now()) });
    call.end();
  };
  const clientId = String(call.metadata.get(CLIENT_ID)[0] ?? '');
  if (clientId === '') return finish(v2Status('CLIENT_ID_REQUIRED', `${CLIENT_ID} header is required`));
  const local = new LocalCall(call.getPeer());
  call.on('cancelled', () => local.end());
  try {
    const request = call.request;
    const group = (request['group'] as V2Resource | null)?.name ?? '';
    const queue = request['message_queue'] as { topic?: V2Resource } | null;
    const topic = queue?.topic?.name ?? '';
    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number(deadline);
    const outcome = await deps.consumer.receive(local, {
      group,
      topic,
      filter: (request['filter_expression'] as V2FilterExpression | null) ?? undefined,
      batchSize: Number(request['batch_size'] ?? 32),
      invisibleMs: fromDuration(request['invisible_duration'] as never),
      autoRenew: request['auto_renew'] === true,
      longPollingMs: fromDuration(request['long_polling_timeout'] as never),
      fifo: deps.isFifoGroup(group),
      attemptId: typeof request['attempt_id'] === 'string' && request['attempt_id'] !== '' ? request['attempt_id'] : undefined,
      // The call's deadline is the client's wall clock, so it is measured against the real one.
      remainingMs: Number.isFinite(deadlineMs) ? deadlineMs - Date.now() : undefined,
    });
    if (call.cancelled) return;
    if (outcome.status.code !== 'OK') return finish(outcome.status);
    if (request['auto_renew'] === true) for (const message of outcome.messages) deps.renewer.track(clientId, group, topic, message);
    call.write({ status: outcome.status });
    for (const message of outcome.messages) call.write({ message });
    call.write({ delivery_timestamp: toTimestamp(deps.now()) });
    call.end();
  } catch (error) {
    deps.logger.error({ err: error, rpc: 'ReceiveMessage', clientId }, 'gRPC handler failed');
    if (!call.cancelled) finish(v2Status('INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)));
  } finally {
    local.end();
  }
}

/**
 * The settings handshake: store the client's settings, answer with the merged ones on the same
 * stream. A producer's stream is also where the broker's transaction checks go (TelemetryProducer),
 * from its first settings until the stream ends.
 */
function telemetry(
  deps: MessagingServiceDeps,
  call: grpc.ServerDuplexStream<V2TelemetryCommand, V2TelemetryCommand>,
  producers: Map<string, TelemetryProducer>,
): void {
  const clientId = String(call.metadata.get(CLIENT_ID)[0] ?? '');
  let producer: TelemetryProducer | undefined;
  const ended = (): void => {
    if (producer === undefined) return;
    producer.end();
    if (producers.get(clientId) === producer) producers.delete(clientId);
    producer = undefined;
  };
  call.on('data', (command: V2TelemetryCommand) => {
    if (clientId === '') {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: `${CLIENT_ID} header is required` });
      return;
    }
    const settings = command.settings;
    if (settings === null || settings === undefined) return; // answers to server commands: nothing sent yet
    if (
      (settings.publishing === null || settings.publishing === undefined) &&
      (settings.subscription === null || settings.subscription === undefined)
    ) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'settings need publishing or subscription' });
      return;
    }
    const merged: V2Settings = deps.settings.merge(clientId, settings, { fifo: deps.isFifoGroup, maxAttempts: deps.maxAttempts });
    call.write({ status: v2Status('OK'), settings: merged });
    const topics = (settings.publishing?.topics ?? []).map((topic) => topic.name).filter((name) => name !== '');
    if (settings.publishing !== null && settings.publishing !== undefined) {
      if (producer === undefined) {
        const stream = new TelemetryProducer(call.getPeer(), clientId, (out) => call.write(out), {
          producers: deps.producers,
          transactions: deps.transactions,
          now: deps.now,
        });
        producers.get(clientId)?.end();
        producers.set(clientId, stream);
        producer = stream;
      }
      producer.register(topics);
    }
  });
  call.on('end', () => {
    ended();
    call.end();
  });
  call.on('cancelled', ended);
  call.on('error', ended);
  call.on('close', ended);
}
