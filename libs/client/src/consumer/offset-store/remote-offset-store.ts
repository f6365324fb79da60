import { type Logger } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';

import { MQClientError } from '../../errors';
import type { BrokerCaller } from '../broker-api/broker-caller';
import { queryConsumerOffset, updateConsumerOffset } from '../broker-api/offset-api';
import type { OffsetStore } from './offset-store';
import { OffsetTable } from './offset-table';

export interface RemoteOffsetStoreOptions {
  readonly caller: BrokerCaller;
  readonly consumerGroup: string;
  /**
   * Where a broker group's offsets are read and committed: its master, or while the master is down
   * any replica (Java's findBrokerAddressInSubscribe(MASTER_ID, onlyThisBroker=false)), so commits
   * made while consuming from a slave are kept there and re-sent to the master once it is back.
   * Undefined when the group has no live replica in the route.
   */
  readonly offsetAddr: (brokerName: string) => string | undefined;
  readonly logger: Logger;
}

/** Clustering: offsets kept by the broker (Java's RemoteBrokerOffsetStore). */
export class RemoteOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();

  constructor(private readonly options: RemoteOffsetStoreOptions) {}

  load(): Promise<void> {
    return Promise.resolve();
  }

  readMemory(queue: MessageQueue): number | undefined {
    return this.table.get(queue);
  }

  async readStore(queue: MessageQueue): Promise<number | undefined> {
    const offset = await queryConsumerOffset(this.options.caller, this.addrOf(queue), this.options.consumerGroup, queue);
    if (offset !== undefined) this.table.set(queue, offset, false);
    return offset;
  }

  update(queue: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.set(queue, offset, increaseOnly);
  }

  async persistAll(queues: readonly MessageQueue[]): Promise<void> {
    await Promise.all(queues.map((queue) => this.persist(queue)));
  }

  async persist(queue: MessageQueue): Promise<void> {
    const offset = this.table.get(queue);
    if (offset === undefined) return;
    try {
      await updateConsumerOffset(this.options.caller, this.addrOf(queue), { group: this.options.consumerGroup, queue, offset });
    } catch (error) {
      // The next round (5 s) or the pull's piggy-backed commit carries it; nothing is lost but a redelivery.
      this.options.logger.warn({ queue, offset, err: error }, 'consumer offset not persisted');
    }
  }

  remove(queue: MessageQueue): void {
    this.table.delete(queue);
  }

  private addrOf(queue: MessageQueue): string {
    const addr = this.options.offsetAddr(queue.brokerName);
    if (addr === undefined) throw new MQClientError(`no replica of broker ${queue.brokerName} is in the route`, { retriable: true });
    return addr;
  }
}
