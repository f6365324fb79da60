import type { MessageStore } from '@rocketmq-ts/store';

import type { ConsumerManager } from '../clients/consumer-manager';
import type { ProducerManager } from '../clients/producer-manager';
import type { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import type { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import type { TopicConfigManager } from '../topics/topic-config-manager';
import type { BrokerMetrics } from './broker-metrics';
import type { CommitLogFlushObserver } from './commit-log-flush-observer';
import type { StoreSizeProbe } from './store-size-probe';

/** What the scrape-time gauges are read from: the broker's tables, the store port and the probes. */
export interface BrokerGaugeSources {
  readonly metrics: BrokerMetrics;
  readonly store: MessageStore;
  readonly topics: TopicConfigManager;
  readonly holds: PullRequestHoldService;
  readonly producers: ProducerManager;
  readonly consumers: ConsumerManager;
  readonly offsets: ConsumerOffsetManager;
  readonly flushes: CommitLogFlushObserver;
  readonly storeSizes: StoreSizeProbe;
}

/**
 * Sets every gauge that is a reading rather than a count of events, right before /metrics is
 * rendered, so the request paths never touch them. Costs scale with the tables (topics × groups
 * for consumer lag), paid once per scrape.
 */
export class BrokerGaugeCollector {
  constructor(private readonly sources: BrokerGaugeSources) {}

  async collect(): Promise<void> {
    const { metrics: brokerMetrics, store, topics, holds, producers, consumers, flushes } = this.sources;
    const { metrics } = brokerMetrics.metricsRegistry;
    metrics.brokerTopics.set(topics.topicConfigTable.size);
    metrics.brokerProducerClients.set(producers.channelCount);
    metrics.brokerConsumerClients.set(consumers.channelCount);
    metrics.brokerLongPollingHeldRequests.set(holds.size);
    const openConnections = brokerMetrics.openConnections();
    if (openConnections !== undefined) metrics.brokerConnections.set(openConnections);
    const maxPhyOffset = store.getMaxPhyOffset();
    metrics.storageFlushBehindBytes.set(Math.max(0, maxPhyOffset - flushes.flushedOffset));
    metrics.storageDispatchBehindBytes.set(store.dispatchBehindBytes());
    const diskRatio = Number(store.getRuntimeInfo()['commitLogDiskRatio']);
    if (Number.isFinite(diskRatio)) metrics.storageDiskUsageRatio.set(diskRatio);
    const sizes = await this.sources.storeSizes.sizes();
    for (const [part, bytes] of Object.entries(sizes)) metrics.storageSizeBytes.labels(part).set(bytes);
    this.collectConsumerLag();
    for (const collector of brokerMetrics.scrapeCollectors) collector();
  }

  /** Backlog per (group, topic) from committed offsets; reset first so deleted groups and topics disappear. */
  private collectConsumerLag(): void {
    const { store, topics, offsets } = this.sources;
    const lag = this.sources.metrics.metricsRegistry.metrics.brokerConsumerLagMessages;
    lag.reset();
    for (const topic of topics.topicConfigTable.keys()) {
      for (const group of offsets.groupsOfTopic(topic)) {
        let messages = 0;
        for (const [queueId, committed] of offsets.offsetsOf(group, topic))
          messages += Math.max(0, store.getMaxOffsetInQueue(topic, queueId) - committed);
        lag.labels({ consumer_group: group, topic }).set(messages);
      }
    }
  }
}
