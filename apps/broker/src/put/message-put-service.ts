import type { BatchToStore, MessageStore, MessageToStore, PutMessageResult, PutMessageStatus } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../config/broker-config.schema';
import type { PutStats } from '../metrics/broker-metrics';
import type { BrokerStatsManager } from '../stats/broker-stats-manager';

/**
 * Who asks for a put. Only one rule depends on it: a put the broker makes on its own behalf
 * never lands on a SYNC_MASTER without a slave to hold it (see `put`).
 */
export type PutOrigin = 'client' | 'send-back' | 'schedule' | 'timer' | 'transaction' | 'pop';

/** What the pipeline needs of replication (BrokerReplication). */
export interface PutReplication {
  readonly isSlave: boolean;
  /** SYNC_MASTER with HA running: puts wait for a slave's ack. */
  readonly waitsForSlaves: boolean;
  /** A slave is connected and close enough behind to acknowledge the next put. */
  slaveAvailable(): boolean;
  afterPut(result: PutMessageResult, waitStoreMsgOK: boolean): Promise<PutMessageResult>;
}

/** The one way a message reaches the store: every processor and service holds this, never the store's put. */
export interface MessagePut {
  /**
   * The pipeline's refusals that need no store: a caller with work to do before its put (the send
   * processor's topic checks, which may create a topic) asks first. `put` checks again anyway.
   */
  precheck(bodyBytes: number, origin: PutOrigin): PutMessageResult | undefined;
  put(message: MessageToStore, origin: PutOrigin): Promise<PutMessageResult>;
  /** `encodedBytes`: the batch body as the client sent it, which is what maxMessageSize bounds. */
  putBatch(batch: BatchToStore, encodedBytes: number): Promise<PutMessageResult>;
}

const SLAVE_REFUSAL = 'service not available now: this broker is a slave (brokerRole=SLAVE) and takes no sends; send to its master';
const NO_SLAVE_FOR_INTERNAL_PUT = 'no slave can hold this message now (SYNC_MASTER); nothing was stored, try again later';

/**
 * The put pipeline (docs/broker-put-path.md): every message the broker writes — a client's send or
 * batch, a consumer's send-back to %RETRY%/%DLQ%, a delay level's or a timer's delivery, a transaction's commit
 * — goes through the same checks and the same replication wait:
 *
 *   1. a SLAVE refuses (SERVICE_NOT_AVAILABLE): its commit log is written by replication only;
 *   2. a body over maxMessageSize is refused (MESSAGE_ILLEGAL); the store refuses over-long properties;
 *   3. a broker-originated put on a SYNC_MASTER whose slave cannot take it is refused before it is
 *      appended (SLAVE_NOT_AVAILABLE, nothing stored), so the service that asked retries it later
 *      instead of acknowledging a message only the master holds;
 *   4. the store appends (and waits for the flush under SYNC_FLUSH);
 *   5. a SYNC_MASTER waits for a slave's ack — for a client only when its WAIT property allows, for
 *      the broker's own puts always;
 *   6. stored messages count in the runtime put totals.
 *
 * Outcomes, not throws: every refusal is a PutMessageResult whose status `putStatusResponse` maps
 * to a response code, so a caller answers a refused internal put exactly as a refused send.
 */
export interface MessagePutParts {
  readonly store: Pick<MessageStore, 'putMessage' | 'putMessages'>;
  readonly replication: PutReplication;
  readonly config: Pick<BrokerConfig, 'maxMessageSize'>;
  readonly stats: PutStats;
  /** Per-topic windows for the admin tools (docs/admin.md#stats-windows); client puts only, as Java counts in its send processor. */
  readonly traffic?: Pick<BrokerStatsManager, 'onPut'>;
}

export class MessagePutService implements MessagePut {
  private readonly store: MessagePutParts['store'];
  private readonly replication: PutReplication;
  private readonly config: MessagePutParts['config'];
  private readonly stats: PutStats;
  private readonly traffic: MessagePutParts['traffic'];

  constructor(parts: MessagePutParts) {
    ({ store: this.store, replication: this.replication, config: this.config, stats: this.stats, traffic: this.traffic } = parts);
  }

  async put(message: MessageToStore, origin: PutOrigin): Promise<PutMessageResult> {
    const refused = this.precheck(message.body.length, origin);
    if (refused !== undefined) return refused;
    const result = await this.store.putMessage(message);
    return this.afterAppend(
      result,
      origin === 'client' ? message.waitStoreMsgOK : true,
      message.body.length,
      origin === 'client' ? message.topic : undefined,
    );
  }

  async putBatch(batch: BatchToStore, encodedBytes: number): Promise<PutMessageResult> {
    const refused = this.precheck(encodedBytes, 'client');
    if (refused !== undefined) return refused;
    const result = await this.store.putMessages(batch);
    return this.afterAppend(result, batch.waitStoreMsgOK, encodedBytes, batch.topic);
  }

  precheck(bodyBytes: number, origin: PutOrigin): PutMessageResult | undefined {
    if (this.replication.isSlave) return refusal('SERVICE_NOT_AVAILABLE', SLAVE_REFUSAL);
    if (bodyBytes > this.config.maxMessageSize)
      return refusal('MESSAGE_ILLEGAL', `the message body size ${bodyBytes} is over the max value ${this.config.maxMessageSize}`);
    if (origin !== 'client' && this.replication.waitsForSlaves && !this.replication.slaveAvailable())
      return refusal('SLAVE_NOT_AVAILABLE', NO_SLAVE_FOR_INTERNAL_PUT);
    return undefined;
  }

  /** `clientTopic`: set for a client's put, which alone counts in the per-topic windows. */
  private async afterAppend(
    appended: PutMessageResult,
    waitForSlave: boolean,
    bodyBytes: number,
    clientTopic: string | undefined,
  ): Promise<PutMessageResult> {
    const result = this.replication.waitsForSlaves ? await this.replication.afterPut(appended, waitForSlave) : appended;
    if (result.appendResult !== undefined) {
      this.stats.messages += result.appendResult.msgNum;
      this.stats.bytes += bodyBytes;
      if (clientTopic !== undefined) this.traffic?.onPut(clientTopic, result.appendResult.msgNum, bodyBytes);
    }
    return result;
  }
}

function refusal(status: PutMessageStatus, remark: string): PutMessageResult {
  return { status, appendResult: undefined, remark };
}
