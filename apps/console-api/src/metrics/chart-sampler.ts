import type { Logger } from '@rocketmq-ts/base';

import type { AdminGateway } from '../admin/admin-gateway';

export interface BrokerSample {
  readonly t: number;
  readonly inTps: number;
  readonly outTps: number;
}

export interface GroupSample {
  readonly t: number;
  readonly lag: number;
  readonly consumeTps: number;
}

export interface ChartSeries {
  readonly intervalMs: number;
  readonly brokers: Record<string, BrokerSample[]>;
  readonly groups: Record<string, GroupSample[]>;
}

/** Groups sampled per round: the chart is an overview, and each group costs one admin call per broker. */
const MAX_GROUPS = 50;

/**
 * The dashboard's charts without files or an external database: every interval, broker TPS
 * (runtime info) and each group's total lag are kept in bounded in-memory rings. A restart starts
 * the charts afresh; Prometheus + Grafana (dashboards/) remain the long-term store.
 */
export class ChartSampler {
  private readonly brokers = new Map<string, BrokerSample[]>();
  private readonly groups = new Map<string, GroupSample[]>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly gateway: AdminGateway,
    private readonly listGroups: () => Promise<string[]>,
    private readonly options: { readonly intervalMs: number; readonly history: number; readonly logger: Logger },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sampleOnce(), this.options.intervalMs);
    this.timer.unref();
    void this.sampleOnce();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  series(): ChartSeries {
    return { intervalMs: this.options.intervalMs, brokers: Object.fromEntries(this.brokers), groups: Object.fromEntries(this.groups) };
  }

  /** One round; a round still running when the next is due is skipped rather than stacked. */
  async sampleOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const t = Date.now();
    try {
      for (const row of await this.gateway.admin.clusterList()) {
        if (row.error === undefined)
          this.push(this.brokers, `${row.brokerName}/${row.brokerId}`, { t, inTps: row.inTps, outTps: row.outTps });
      }
      const groups = (await this.listGroups()).slice(0, MAX_GROUPS);
      await Promise.all(
        groups.map(async (group) => {
          try {
            const progress = await this.gateway.admin.consumerProgress(group);
            this.push(this.groups, group, { t, lag: progress.diffTotal, consumeTps: progress.consumeTps });
          } catch {
            // No member and no offset yet: nothing to plot for this group.
          }
        }),
      );
    } catch (error) {
      this.options.logger.warn({ err: error }, 'chart sample skipped: cluster not reachable');
    } finally {
      this.running = false;
    }
  }

  private push<T>(table: Map<string, T[]>, key: string, sample: T): void {
    const ring = table.get(key) ?? [];
    ring.push(sample);
    if (ring.length > this.options.history) ring.splice(0, ring.length - this.options.history);
    table.set(key, ring);
  }
}
