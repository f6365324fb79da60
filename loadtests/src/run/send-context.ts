import type { Producer, SendOptions, SendResult } from '@rocketmq-ts/client';

import type { IterationContext, IterationFunction } from '../config/scenario-options';
import { errorCodeOf } from '../client/error-code';
import type { Ledger } from '../client/ledger';
import type { MessageFactory } from '../client/message-factory';
import type { RunIteration } from '../executors/executor';
import type { RunMetrics } from '../metrics/run-metrics';

export interface SendDeps {
  readonly producers: readonly Producer[];
  readonly factory: MessageFactory;
  readonly ledger: Ledger;
  readonly metrics: RunMetrics;
  readonly sendTimeoutMs: number;
}

const defaultIteration: IterationFunction = async (context) => {
  await context.send();
};

/**
 * Turns a scenario's per-iteration function into what the executors run. The first send of an
 * iteration is timed from the iteration's intended start (arrival-rate executors) so waiting for
 * a VU or the event loop is part of the latency; later sends of the same iteration from their call.
 */
export function iterationRunner(deps: SendDeps, iteration: IterationFunction = defaultIteration): RunIteration {
  let seqs = 0;
  return async (vu, number, intendedAt) => {
    let firstSend = true;
    const context: IterationContext = {
      vu,
      iteration: number,
      check: (name, ok) => deps.metrics.check(name, ok),
      send: async (extra, options?: SendOptions): Promise<SendResult> => {
        const seq = seqs++;
        const began = firstSend && intendedAt !== undefined ? intendedAt : performance.now();
        firstSend = false;
        const producer = deps.producers[seq % deps.producers.length] as Producer;
        try {
          const result = await producer.send(deps.factory.build(seq, extra), { timeoutMs: deps.sendTimeoutMs, ...options });
          deps.metrics.acked(performance.now() - began);
          deps.ledger.acked(seq);
          deps.metrics.check('acked SEND_OK', result.sendStatus === 'SEND_OK');
          return result;
        } catch (error) {
          deps.metrics.sendFailed(errorCodeOf(error));
          throw error;
        }
      },
    };
    try {
      await iteration(context);
      return true;
    } catch {
      return false;
    } finally {
      deps.metrics.iteration();
    }
  };
}
