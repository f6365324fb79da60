import type { Logger } from '@rocketmq-ts/base';
import type { ConsumerData, SubscriptionData } from '@rocketmq-ts/protocol';

import type { BrokerCaller } from './broker-api/broker-caller';
import { sendHeartbeat, unregisterConsumer } from './broker-api/group-api';

export interface ConsumerHeartbeatOptions {
  readonly caller: BrokerCaller;
  readonly clientId: string;
  readonly consumerGroup: string;
  readonly consumeType: 'CONSUME_PASSIVELY' | 'CONSUME_ACTIVELY';
  readonly messageModel: string;
  readonly consumeFromWhere: string;
  readonly subscriptions: () => readonly SubscriptionData[];
  /** Every broker to tell, masters and slaves (read at every beat so new brokers are picked up). */
  readonly brokerAddrs: () => readonly string[];
  readonly logger: Logger;
}

/**
 * HEART_BEAT with this consumer's group and subscriptions to every broker of its topics (Java:
 * every 30 s, and at once when a subscription changes). The broker registers the subscriptions
 * the pulls rely on, creates `%RETRY%<group>`, and tells the group's members when one comes or
 * goes. UNREGISTER_CLIENT to each on shutdown.
 */
export class ConsumerHeartbeat {
  constructor(private readonly options: ConsumerHeartbeatOptions) {}

  /** Beats every broker; true when at least one took it (or there is none yet). Never rejects. */
  async beatAll(): Promise<boolean> {
    const addrs = this.options.brokerAddrs();
    if (addrs.length === 0) return true;
    const results = await Promise.all(addrs.map((addr) => this.beat(addr)));
    return results.some((ok) => ok);
  }

  async unregisterAll(): Promise<void> {
    const { caller, clientId, consumerGroup, logger } = this.options;
    await Promise.all(
      this.options.brokerAddrs().map(async (addr) => {
        try {
          await unregisterConsumer(caller, addr, clientId, consumerGroup);
        } catch (error) {
          // The broker drops us anyway once the connection closes.
          logger.warn({ addr, err: error }, 'UNREGISTER_CLIENT failed');
        }
      }),
    );
  }

  private async beat(addr: string): Promise<boolean> {
    const consumer: ConsumerData = {
      groupName: this.options.consumerGroup,
      consumeType: this.options.consumeType,
      messageModel: this.options.messageModel,
      consumeFromWhere: this.options.consumeFromWhere,
      subscriptionDataSet: this.options.subscriptions(),
      unitMode: false,
    };
    try {
      await sendHeartbeat(this.options.caller, addr, {
        clientID: this.options.clientId,
        producerDataSet: [],
        consumerDataSet: [consumer],
        heartbeatFingerprint: 0,
        withoutSub: false,
      });
      return true;
    } catch (error) {
      this.options.logger.warn({ addr, err: error }, 'consumer heartbeat failed');
      return false;
    }
  }
}
