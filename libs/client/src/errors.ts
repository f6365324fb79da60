import { describeResponseCode, isRetriableResponseCode } from '@rocketmq-ts/protocol';

// Which codes are retriable is the protocol's response-code table's to say (Java's retryResponseCodes).
export { isRetriableResponseCode };

export interface MQClientErrorOptions {
  readonly responseCode?: number;
  readonly remark?: string;
  readonly retriable?: boolean;
  readonly cause?: unknown;
}

/**
 * Every failure the client SDK reports. As with kafkajs's errors, `retriable` alone tells a caller
 * (and our own retry loop) whether trying again can help, so nobody matches on message text.
 */
export class MQClientError extends Error {
  override readonly name: string = 'MQClientError';
  /** The broker's or name server's response code, when a response caused this. */
  readonly responseCode: number | undefined;
  readonly remark: string | undefined;
  readonly retriable: boolean;

  constructor(message: string, options: MQClientErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.responseCode = options.responseCode;
    this.remark = options.remark;
    this.retriable = options.retriable ?? (options.responseCode !== undefined && isRetriableResponseCode(options.responseCode));
  }
}

/** A broker answered a request with a failure code. */
export class MQBrokerError extends MQClientError {
  override readonly name: string = 'MQBrokerError';

  constructor(
    readonly brokerAddr: string,
    responseCode: number,
    remark: string | undefined,
  ) {
    super(`broker ${brokerAddr} answered ${describeResponseCode(responseCode)}: ${remark ?? '(no remark)'}`, { responseCode, remark });
  }
}

/**
 * Neither the topic nor the TBW102 template has a route: nothing can be sent yet. Carries
 * TOPIC_NOT_EXIST when the name server said so (e.g. brokers run with autoCreateTopicEnable=false).
 */
export class NoRouteError extends MQClientError {
  override readonly name: string = 'NoRouteError';

  constructor(
    readonly topic: string,
    options: { cause?: unknown; responseCode?: number; remark?: string } = {},
  ) {
    // Retriable: a broker may register the topic (or come up) a moment later.
    super(`No route info of this topic: ${topic}`, {
      retriable: true,
      cause: options.cause,
      responseCode: options.responseCode,
      remark: options.remark,
    });
  }
}

/**
 * The caller's AbortSignal fired before the send settled. Not retriable: the caller asked to stop.
 * A request already written may still be stored by the broker; its late answer is ignored.
 */
export class MQAbortError extends MQClientError {
  override readonly name: string = 'AbortError';

  constructor(what: string, reason: unknown) {
    super(`${what} aborted${reason instanceof Error ? `: ${reason.message}` : ''}`, { retriable: false, cause: reason });
  }
}
