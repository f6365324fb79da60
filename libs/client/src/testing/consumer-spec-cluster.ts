import { afterAll, beforeAll } from 'vitest';

import { type LocalCluster, type LocalClusterOptions, startLocalCluster } from '@rocketmq-ts/testing';

import type { Producer } from '../producer/producer';
import { startReadyProducer } from './ready-producer';
import { failOnUnhandledRejections } from './unhandled-rejections';

/** What every consumer a spec builds starts from: the cluster's name server, and the whole history of a topic. */
export interface ConsumerSpecBase {
  readonly namesrvAddr: string;
  readonly consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET';
}

export interface ConsumerSpecCluster<C, O> {
  /** The real name server and broker (readable once beforeAll ran). */
  readonly cluster: LocalCluster;
  /** A producer whose first send went through. */
  readonly producer: Producer;
  /** A new consumer, shut down after the suite. */
  consumer(options: O): C;
}

/**
 * The suite setup the consumer specs share, registered on the enclosing describe: a real cluster
 * and a ready producer before the tests, every consumer built through `consumer()` then the
 * producer and the cluster stopped after them, and unhandled rejections failing the suite.
 */
export function consumerSpecCluster<C extends { shutdown(): Promise<void> }, O>(setup: {
  readonly producerGroup: string;
  readonly clusterOptions?: LocalClusterOptions;
  readonly create: (base: ConsumerSpecBase, options: O) => C;
}): ConsumerSpecCluster<C, O> {
  failOnUnhandledRejections();
  let cluster: LocalCluster | undefined;
  let producer: Producer | undefined;
  const consumers: C[] = [];

  beforeAll(async () => {
    cluster = await startLocalCluster(setup.clusterOptions);
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: setup.producerGroup });
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.shutdown();
    await producer?.shutdown();
    await cluster?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the spec cluster is not started yet (use it inside tests and hooks)');
    return value;
  };
  return {
    get cluster() {
      return started(cluster);
    },
    get producer() {
      return started(producer);
    },
    consumer: (options) => {
      const created = setup.create({ namesrvAddr: started(cluster).namesrvAddr, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }, options);
      consumers.push(created);
      return created;
    },
  };
}
