/**
 * The shapes this hook needs of a request and response. They are structural on purpose:
 * observability may not import libs/remoting (it sits below it), and the hook still satisfies
 * remoting's RemotingRequestHook.
 */
export interface CodedCommand {
  readonly code: number;
}

export interface RemotingMetricsHook {
  afterResponse(request: CodedCommand, response: CodedCommand | undefined, durationMs: number): void;
}

/** A counter by positional label values: prom-client's Counter, or a HotCounter on per-message paths. */
export interface LabelledCounter {
  labels(...values: string[]): { inc(): void };
}

/** A histogram by positional label values: prom-client's Histogram, or a HotHistogram. */
export interface LabelledHistogram {
  labels(...values: string[]): { observe(value: number): void };
}

export interface RemotingMetricsHookOptions {
  /** Labels `code`, `response_code`. */
  readonly requestsTotal: LabelledCounter;
  /** Label `code`. */
  readonly requestLatencyMilliseconds: LabelledHistogram;
  /**
   * Distinct request codes given their own label values; later ones share `code="other"`. Peers
   * choose the code, so without a cap a client sending random codes would grow our series without bound.
   */
  readonly maxDistinctCodes?: number;
}

const DEFAULT_MAX_DISTINCT_CODES = 512;
const NO_RESPONSE = 'none';
const OTHER_CODE = 'other';

type CounterChild = ReturnType<LabelledCounter['labels']>;

interface CodeChildren {
  readonly latency: ReturnType<LabelledHistogram['labels']>;
  readonly codeLabel: string;
  readonly byResponseCode: Map<number, CounterChild>;
  noResponse: CounterChild | undefined;
}

/**
 * Records `rocketmq_remoting_requests_total` and `rocketmq_remoting_request_latency_milliseconds`.
 * Label children are resolved once per (code, response code) and cached, so the per-request
 * cost is two map lookups, an increment and an observe: no label strings are built per request.
 */
export function createRemotingMetricsHook(options: RemotingMetricsHookOptions): RemotingMetricsHook {
  const maxDistinctCodes = options.maxDistinctCodes ?? DEFAULT_MAX_DISTINCT_CODES;
  const byCode = new Map<number, CodeChildren>();
  let other: CodeChildren | undefined;

  function childrenFor(code: number): CodeChildren {
    const cached = byCode.get(code);
    if (cached) return cached;
    if (byCode.size >= maxDistinctCodes) return (other ??= newChildren(OTHER_CODE));
    const created = newChildren(String(code));
    byCode.set(code, created);
    return created;
  }

  function newChildren(codeLabel: string): CodeChildren {
    return { latency: options.requestLatencyMilliseconds.labels(codeLabel), codeLabel, byResponseCode: new Map(), noResponse: undefined };
  }

  function counterFor(children: CodeChildren, response: CodedCommand | undefined): CounterChild {
    if (response === undefined) return (children.noResponse ??= options.requestsTotal.labels(children.codeLabel, NO_RESPONSE));
    let counter = children.byResponseCode.get(response.code);
    if (!counter) {
      counter = options.requestsTotal.labels(children.codeLabel, String(response.code));
      children.byResponseCode.set(response.code, counter);
    }
    return counter;
  }

  return {
    afterResponse(request, response, durationMs) {
      const children = childrenFor(request.code);
      counterFor(children, response).inc();
      children.latency.observe(durationMs);
    },
  };
}
