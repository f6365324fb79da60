import { TRACE_TOPIC } from '@rocketmq-ts/protocol';

/** Java's `enableMsgTrace` / `customizedTraceTopic` on producers and consumers (docs/security.md#trace). */
export interface TraceOptions {
  /** Send Pub (producer) or SubBefore/SubAfter (consumer) records to the trace topic. Default false. */
  readonly enableMsgTrace?: boolean;
  /** Default RMQ_SYS_TRACE_TOPIC. */
  readonly customizedTraceTopic?: string;
}

export function traceTopicOf(options: TraceOptions): string {
  return options.customizedTraceTopic !== undefined && options.customizedTraceTopic !== '' ? options.customizedTraceTopic : TRACE_TOPIC;
}

/** Java's TraceConstants.GROUP_NAME_PREFIX: the trace producer's group is this plus `-<owner group>`. */
export const TRACE_PRODUCER_GROUP_PREFIX = '_INNER_TRACE_PRODUCER';
