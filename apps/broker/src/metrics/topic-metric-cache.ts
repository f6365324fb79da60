import type { Counter, Histogram } from 'prom-client';

/** Pre-resolved label children of one topic's sends: the send path increments these, building no labels. */
export interface TopicSendMetrics {
  readonly messagesIn: Counter.Internal;
  readonly bytesIn: Counter.Internal;
  readonly messageSize: Histogram.Internal<'topic'>;
}

/** Pre-resolved label children of one (topic, consumer group) pair's pulls. */
export interface TopicPullMetrics {
  readonly messagesOut: Counter.Internal;
  readonly bytesOut: Counter.Internal;
}

export interface TopicMetricFamilies {
  readonly messagesIn: Counter<'topic'>;
  readonly bytesIn: Counter<'topic'>;
  readonly messageSize: Histogram<'topic'>;
  readonly messagesOut: Counter<'topic' | 'consumer_group'>;
  readonly bytesOut: Counter<'topic' | 'consumer_group'>;
}

/**
 * Label children per topic and per (topic, group), created on first use and then found with one
 * or two map lookups: prom-client's `labels()` hashes its arguments on every call, which is too
 * much per message. Topics and groups reach here only after the processors checked they exist,
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
      const labels = { topic, consumer_group: group };
      children = { messagesOut: this.families.messagesOut.labels(labels), bytesOut: this.families.bytesOut.labels(labels) };
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
      this.families.messagesOut.remove({ topic, consumer_group: group });
      this.families.bytesOut.remove({ topic, consumer_group: group });
    }
    this.pulls.delete(topic);
  }
}
