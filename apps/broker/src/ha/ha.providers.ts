import type { Provider } from '@nestjs/common';

import type { Logger, Timers } from '@rocketmq-ts/base';
import { RemotingClient } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_CONFIG, BROKER_LOGGER, BROKER_METRICS, BROKER_TIMERS, MESSAGE_STORE } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerMetrics } from '../metrics/broker-metrics';
import { collectReplicationLag } from '../metrics/replication-lag-collector';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { ScheduleMessageService } from '../schedule/schedule-message-service';
import { SubscriptionGroupManager } from '../subscriptions/subscription-group-manager';
import { TopicConfigManager } from '../topics/topic-config-manager';
import type { TimerMessageService } from '../timer/timer-message-service';
import { TIMER_MESSAGE_SERVICE } from '../timer/timer.providers';
import { BrokerReplication } from './broker-replication';
import { ReplicaReadPolicy } from './replica-read-policy';
import { SlaveSynchronize } from './slave-synchronize';
import { brokerClientSecurity } from '../acl/broker-client-security';

interface SlaveSynchronizeDeps {
  readonly config: BrokerConfig;
  readonly replication: BrokerReplication;
  readonly store: MessageStore;
  readonly topics: TopicConfigManager;
  readonly groups: SubscriptionGroupManager;
  readonly offsets: ConsumerOffsetManager;
  readonly schedule: ScheduleMessageService;
  readonly timer: TimerMessageService | null;
  readonly logger: Logger;
  readonly timers: Timers;
}

const slaveSynchronizeTokens = {
  config: BROKER_CONFIG,
  replication: BrokerReplication,
  store: MESSAGE_STORE,
  topics: TopicConfigManager,
  groups: SubscriptionGroupManager,
  offsets: ConsumerOffsetManager,
  schedule: ScheduleMessageService,
  timer: TIMER_MESSAGE_SERVICE,
  logger: BROKER_LOGGER,
  timers: BROKER_TIMERS,
};

/** Replication (docs/store-and-ha.md#replication): the role object, the slave's metadata sync, the pull steering. */
export const haProviders: Provider[] = [
  {
    provide: BrokerReplication,
    inject: [BROKER_CONFIG, MESSAGE_STORE, BROKER_LOGGER, BROKER_METRICS],
    useFactory: (config: BrokerConfig, store: MessageStore, logger: Logger, metrics: BrokerMetrics) => {
      const replication = new BrokerReplication(config, store, logger.child({ component: 'ha' }));
      // Lag gauges read the HA stats at scrape time: nothing on the replication path.
      const { haReplicationLagBytes, haReplicationLagMilliseconds } = metrics.metricsRegistry.metrics;
      metrics.addScrapeCollector(() => collectReplicationLag(replication, { haReplicationLagBytes, haReplicationLagMilliseconds }));
      return replication;
    },
  },
  {
    provide: SlaveSynchronize,
    ...injectNamed(
      slaveSynchronizeTokens,
      ({ config, replication, store, topics, groups, offsets, schedule, timer, logger, timers }: SlaveSynchronizeDeps) => {
        const log = logger.child({ component: 'slave-sync' });
        const sync = new SlaveSynchronize({
          client: new RemotingClient({ logger: log, ...brokerClientSecurity(config) }),
          topics,
          groups,
          offsets,
          schedule,
          timer,
          masterAddr: () => replication.slave?.currentMasterAddr() ?? replication.controller?.currentMasterAddr(),
          intervalMs: config.slaveSynchronizeIntervalMillis,
          requestTimeoutMs: config.registerBrokerTimeoutMills,
          logger: log,
          timers,
        });
        // First sync as soon as the name server names the master (Java waits for its timer).
        replication.slave?.onMasterAddrChange((masterAddr) => {
          if (masterAddr !== undefined) void sync.syncAll();
        });
        replication.controller?.onRoleChange((role) => {
          if (role === 'SLAVE') void sync.syncAll();
        });
        // A topic created on the master since the last round: its config now, not in up to 10 s.
        store.onMessageArriving(({ topic }) => {
          if (replication.isSlave) sync.topicArrived(topic);
        });
        return sync;
      },
    ),
  },
  {
    provide: ReplicaReadPolicy,
    inject: [BROKER_CONFIG, BrokerReplication],
    useFactory: (config: BrokerConfig, replication: BrokerReplication) => new ReplicaReadPolicy(config, replication),
  },
];
