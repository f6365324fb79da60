import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { createRequest, NotifyConsumerIdsChangedRequestHeader, RequestCode } from '@rocketmq-ts/protocol';

import type { ClientChannel } from './client-channel';
import type { ConsumerGroupEvent } from './consumer-manager';

export interface ConsumerIdsChangeNotifierOptions {
  /** Broker switch (notifyConsumerIdsChangedEnable). */
  readonly enabled: boolean;
  /** The group's own switch (SubscriptionGroupConfig.notifyConsumerIdsChangedEnable). */
  readonly groupAllowsNotify: (group: string) => boolean;
  readonly logger?: Logger;
}

/**
 * Broker → client NOTIFY_CONSUMER_IDS_CHANGED (40), one-way, to every remaining member when a
 * group's membership changed, so clients rebalance now rather than at their next 20 s tick.
 * Subscription-only changes ('change') are not announced, as in Java. A failed write to one
 * member is logged and does not stop the others.
 */
export class ConsumerIdsChangeNotifier {
  private readonly logger: Logger;

  constructor(private readonly options: ConsumerIdsChangeNotifierOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  readonly onConsumerIdsChanged = (group: string, event: ConsumerGroupEvent, members: readonly ClientChannel[]): void => {
    if (event === 'change' || !this.options.enabled || !this.options.groupAllowsNotify(group)) return;
    const extFields = NotifyConsumerIdsChangedRequestHeader.encode({ consumerGroup: group });
    for (const member of members) {
      if (member.connection.closed) continue;
      try {
        member.connection.invokeOneway(
          createRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, { extFields, oneway: true, language: 'JAVA' }),
        );
      } catch (error) {
        this.logger.warn({ err: error, group, clientId: member.clientId }, 'NOTIFY_CONSUMER_IDS_CHANGED not sent');
      }
    }
  };
}
