import { decodeMessageRecord } from '@rocketmq-ts/model';
import { CheckTransactionStateRequestHeader, type RemotingCommand, RequestCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext } from '@rocketmq-ts/remoting';

import type { ProducerManager } from '../clients/producer-manager';
import { CloseListeners } from './close-listeners';
import { toV2Message } from './grpc-converters';
import type { TransactionActivity } from './transaction-activity';
import type { V2TelemetryCommand } from './v2-types';

let nextTelemetryId = -1_000_000_000;

/**
 * A gRPC producer's Telemetry stream as the producer connection the transaction check-back looks
 * for (docs/grpc-and-pop.md#transaction-checks), as the proxy registers its gRPC producers. A gRPC
 * producer's group is its topic (the send puts PRODUCER_GROUP = topic), so the stream is registered
 * once per publishing topic in the broker's ProducerManager. The one request the broker sends over
 * it, CHECK_TRANSACTION_STATE, becomes a RecoverOrphanedTransactionCommand; the half message's
 * offsets are handed to TransactionActivity first so that the client's EndTransaction (source
 * SERVER_CHECK) finds them. Anything else is refused: the stream carries no other broker request.
 */
export class TelemetryProducer implements ConnectionContext {
  readonly id = nextTelemetryId--;
  private readonly closing = new CloseListeners();
  private topics: readonly string[] = [];

  constructor(
    readonly remoteAddress: string,
    private readonly clientId: string,
    private readonly write: (command: V2TelemetryCommand) => void,
    private readonly deps: { readonly producers: ProducerManager; readonly transactions: TransactionActivity; readonly now: () => number },
  ) {}

  get closed(): boolean {
    return this.closing.ended;
  }

  /** (Re-)registers the stream for its publishing topics; also the heartbeat that keeps the registration alive. */
  register(topics: readonly string[] = this.topics): void {
    if (this.closing.ended) return;
    for (const gone of this.topics) if (!topics.includes(gone)) this.deps.producers.unregisterProducer(gone, this.id);
    this.topics = [...topics];
    for (const topic of topics)
      this.deps.producers.registerProducer(topic, {
        connection: this,
        clientId: this.clientId,
        language: 'JAVA',
        version: 0,
        lastUpdateMs: this.deps.now(),
      });
  }

  invoke(): Promise<RemotingCommand> {
    return Promise.reject(new Error('a gRPC telemetry stream carries only transaction checks'));
  }

  invokeOneway(request: RemotingCommand): void {
    if (this.closing.ended) throw new Error('the telemetry stream has ended');
    if (request.code !== RequestCode.CHECK_TRANSACTION_STATE || request.body === undefined)
      throw new Error(`request code ${request.code} cannot travel over a telemetry stream`);
    const header = CheckTransactionStateRequestHeader.decode(request.extFields);
    const record = decodeMessageRecord(request.body, 0);
    const message = toV2Message(record, '', 1);
    const transactionId = header.transactionId ?? message.system_properties.message_id;
    this.deps.transactions.rememberOffsets(
      transactionId,
      header.topic ?? record.topic,
      header.commitLogOffset,
      header.tranStateTableOffset,
    );
    this.write({ recover_orphaned_transaction_command: { message, transaction_id: transactionId } });
  }

  onClose(listener: (context: ConnectionContext) => void): () => void {
    return this.closing.add(this, listener);
  }

  /** The stream ended: no more checks go to it. */
  end(): void {
    if (this.closing.ended) return;
    this.deps.producers.doChannelCloseEvent(this.id);
    this.closing.end(this);
  }
}
