/** The console-api answers the UI reads (the OpenAPI document at /api/docs has them all). */
export interface BrokerRow {
  readonly cluster: string;
  readonly brokerName: string;
  readonly brokerId: number;
  readonly addr: string;
  readonly version: string;
  readonly inTps: number;
  readonly outTps: number;
  readonly diskRatio: number;
  readonly active: boolean;
  readonly error?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly nextOffset?: number;
}

export interface GroupRow {
  readonly group: string;
  readonly lag?: number;
  readonly consumeTps?: number;
  readonly note?: string;
}

export interface QueueProgress {
  readonly queue: { readonly topic: string; readonly brokerName: string; readonly queueId: number };
  readonly brokerOffset: number;
  readonly consumerOffset: number;
  readonly diff: number;
  readonly inflight: number;
  readonly lastTimestamp: number;
}

export interface MessageSummary {
  readonly msgId: string;
  readonly offsetMsgId: string;
  readonly topic: string;
  readonly tags?: string;
  readonly keys: string[];
  readonly brokerName: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly storeTimestamp: number;
  readonly reconsumeTimes: number;
  readonly bodySize: number;
  readonly bodyPreview: string;
}

export interface MessageDetail extends MessageSummary {
  readonly bornHost: string;
  readonly storeHost: string;
  readonly properties: Record<string, string>;
  readonly body: {
    readonly size: number;
    readonly text?: string;
    readonly json?: string;
    readonly hex: string;
    readonly truncated: boolean;
  };
}

export interface ChartSeries {
  readonly intervalMs: number;
  readonly brokers: Record<string, Array<{ t: number; inTps: number; outTps: number }>>;
  readonly groups: Record<string, Array<{ t: number; lag: number; consumeTps: number }>>;
}
