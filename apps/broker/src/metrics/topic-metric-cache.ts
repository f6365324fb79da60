import type { HotCounter, HotCounterCell, HotHistogram, HotHistogramCell } from '@rocketmq-ts/observability';

/** The cells of one topic's sends: the send path adds into these, building no labels. */
export interface TopicSendMetrics {
  readonly messagesIn: HotCounterCell;
  readonly bytesIn: HotCounterCell;
  readonly messageSize: HotHistogramCell;
}

/** The cells of one (topic, consumer group) pair's pulls. */
export interface TopicPullMetrics {
  readonly messagesOut: HotCounterCell;
  readonly bytesOut: HotCounterCell;
}

export interface TopicMetricFamilies {
  /** Label `topic`. */
  readonly messagesIn: HotCounter;
  readonly bytesIn: HotCounter;
  readonly messageSize: HotHistogram;
  /** Labels `topic`, `consumer_group`. */
  readonly messagesOut: HotCounter;
  readonly bytesOut: HotCounter;
}

/**
 * Metric cells per topic and per (topic, group), created on first use and then found with one or
 * two map lookups, without building a label key per message. Topics and groups reach here only after the processors checked they exist,
 * so the maps are bounded by the topic and subscription-group tables.
 */
export class TopicMetricCache {
  private readonly sends = new Map<string, TopicSendMetrics>();
  private readonly pulls = new Map<string, Map<string, TopicPullMetrics>>();

  constructor(private readonly families: TopicMetricFamilies) {}

  sendsOf(topic: string): TopicSendMetrics {
    let children = this.sends.get(topic);
    if (children === undefined) {
      const { messagesIn, bytesIn, messageSize } = this.families;
      children = { messagesIn: messagesIn.labels(topic), bytesIn: bytesIn.labels(topic), messageSize: messageSize.labels(topic) };
      this.sends.set(topic, children);
    }
    return children;
  }

  pullsOf(topic: string, group: string): TopicPullMetrics {
    let byGroup = this.pulls.get(topic);
    if (byGroup === undefined) {
      byGroup = new Map();
      this.pulls.set(topic, byGroup);
    }
    let children = byGroup.get(group);
    if (children === undefined) {
      children = { messagesOut: this.families.messagesOut.labels(topic, group), bytesOut: this.families.bytesOut.labels(topic, group) };
      byGroup.set(group, children);
    }
    return children;
  }

  /** Drops a deleted topic's series (sends and every group's pulls) so /metrics stops reporting them. */
  forget(topic: string): void {
    if (this.sends.delete(topic)) {
      this.families.messagesIn.remove(topic);
      this.families.bytesIn.remove(topic);
      this.families.messageSize.remove(topic);
    }
    for (const group of this.pulls.get(topic)?.keys() ?? []) {
      this.families.messagesOut.remove(topic, group);
      this.families.bytesOut.remove(topic, group);
    }
    this.pulls.delete(topic);
  }
}
