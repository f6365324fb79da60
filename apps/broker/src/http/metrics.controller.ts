import { performance } from 'node:perf_hooks';

import { Controller, Get, Header, Inject, type OnModuleDestroy } from '@nestjs/common';
import { Registry } from 'prom-client';

import type { MessageStore, StoreConfig } from '@rocketmq-ts/store';

import { ConsumerManager } from '../clients/consumer-manager';
import { ProducerManager } from '../clients/producer-manager';
import { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import { BrokerGaugeCollector } from '../metrics/broker-gauge-collector';
import type { BrokerMetrics } from '../metrics/broker-metrics';
import { CommitLogFlushObserver } from '../metrics/commit-log-flush-observer';
import { StoreSizeProbe } from '../metrics/store-size-probe';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { BROKER_METRICS, MESSAGE_STORE, STORE_CONFIG } from '../broker.tokens';

/**
 * `GET /metrics` in Prometheus text format. Gauges that are readings (table sizes, disk, backlogs,
 * holds) are set at scrape time by BrokerGaugeCollector, so the request paths carry no gauge
 * updates. Also owns the commit-log flush subscription, which lives as long as the module.
 */
@Controller('metrics')
export class MetricsController implements OnModuleDestroy {
  private readonly flushes: CommitLogFlushObserver;
  private readonly gauges: BrokerGaugeCollector;

  constructor(
    @Inject(BROKER_METRICS) private readonly brokerMetrics: BrokerMetrics,
    @Inject(MESSAGE_STORE) store: MessageStore,
    @Inject(STORE_CONFIG) storeConfig: StoreConfig,
    topics: TopicConfigManager,
    holds: PullRequestHoldService,
    producers: ProducerManager,
    consumers: ConsumerManager,
    offsets: ConsumerOffsetManager,
  ) {
    this.flushes = new CommitLogFlushObserver({
      commitLogDir: storeConfig.storePathCommitLog,
      flushLatencyMilliseconds: brokerMetrics.hot?.flushLatency.labels(),
      initialFlushedOffset: store.getMaxPhyOffset(),
    });
    this.flushes.start();
    const storeSizes = new StoreSizeProbe(
      { commitlog: storeConfig.storePathCommitLog, consumequeue: storeConfig.storePathConsumeQueue, index: storeConfig.storePathIndex },
      () => performance.now(),
    );
    this.gauges = new BrokerGaugeCollector({
      metrics: brokerMetrics,
      store,
      topics,
      holds,
      producers,
      consumers,
      offsets,
      flushes: this.flushes,
      storeSizes,
    });
  }

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    await this.gauges.collect();
    return this.brokerMetrics.metricsRegistry.registry.metrics();
  }

  onModuleDestroy(): void {
    this.flushes.stop();
  }
}
