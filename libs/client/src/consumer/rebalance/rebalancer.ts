import type { Logger } from '@rocketmq-ts/base';
import { compareMessageQueues, type MessageQueue } from '@rocketmq-ts/model';

import type { SubscribeRouteTable } from '../../route/subscribe-route-table';
import type { AllocateStrategy } from '../allocate/allocate-strategy';
import type { BrokerCaller } from '../broker-api/broker-caller';
import { consumerIdList } from '../broker-api/group-api';
import type { MessageModel } from '../consumer-options';
import type { AssignedQueues } from './assigned-queues';

export interface RebalancerOptions {
  readonly caller: BrokerCaller;
  readonly routes: SubscribeRouteTable;
  readonly assigned: AssignedQueues;
  readonly strategy: AllocateStrategy;
  readonly consumerGroup: string;
  readonly clientId: string;
  readonly messageModel: MessageModel;
  /** The topics to balance, read at each round (subscriptions may be added while running). */
  readonly topics: () => readonly string[];
  /** A topic's route was just found (its brokers have not heard from us yet): heartbeat them first. */
  readonly onRouteFound?: () => Promise<unknown>;
  readonly logger: Logger;
}

/**
 * Java's RebalanceImpl for push and subscribe-mode lite consumers: per topic, the readable queues
 * of the route and the group's members (from a broker) go through the allocation strategy, and
 * the owned queues follow. Broadcasting owns every queue. Rounds never overlap: a request during
 * a round runs one more round after it.
 */
export class Rebalancer {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: RebalancerOptions) {}

  /** Runs a round now, or right after the one in progress. Never rejects. */
  rebalance(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const topic of this.options.topics()) await this.rebalanceTopic(topic);
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async rebalanceTopic(topic: string): Promise<void> {
    const { routes, logger } = this.options;
    try {
      let info = routes.get(topic);
      if (info === undefined) {
        info = await routes.update(topic);
        if (info === undefined) {
          logger.debug({ topic }, 'no route yet; the topic is balanced later');
          return;
        }
        await this.options.onRouteFound?.();
      }
      if (this.options.messageModel === 'BROADCASTING') {
        await this.options.assigned.update(topic, info.queues);
        return;
      }
      const addr = routes.anyBrokerAddrOf(topic);
      if (addr === undefined) return;
      const clientIds = (await consumerIdList(this.options.caller, addr, this.options.consumerGroup)).sort();
      if (clientIds.length === 0) return;
      const allQueues = [...info.queues].sort(compareMessageQueues);
      const owned: MessageQueue[] = this.options.strategy.allocate(this.options.consumerGroup, this.options.clientId, allQueues, clientIds);
      const changed = await this.options.assigned.update(topic, owned);
      if (changed)
        logger.info(
          { topic, members: clientIds.length, owned: owned.map((queue) => `${queue.brokerName}:${queue.queueId}`) },
          'rebalanced',
        );
    } catch (error) {
      // Keep what we own: a member list or route we cannot read is no reason to stop consuming.
      logger.warn({ topic, err: error }, 'rebalance of the topic failed; keeping the current queues');
    }
  }
}
