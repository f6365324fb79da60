import { waitFor } from '@rocketmq-ts/testing';

import { Producer } from '../producer/producer';
import type { ProducerOptions } from '../producer/producer-options';

/**
 * A started producer that has already sent one probe message: a freshly booted broker registers
 * with the name server a moment after it logs "boot success", and specs must not race that.
 */
export async function startReadyProducer(options: ProducerOptions): Promise<Producer> {
  const producer = new Producer(options);
  await producer.start();
  try {
    await waitFor(
      async () => (await producer.send({ topic: 'ClientSpecProbe', body: 'probe' }).catch(() => undefined))?.sendStatus === 'SEND_OK',
      {
        timeoutMs: 20_000,
        intervalMs: 200,
        reason: 'a first send through the freshly started broker',
      },
    );
  } catch (error) {
    await producer.shutdown();
    throw error;
  }
  return producer;
}
