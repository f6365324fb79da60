import { randomBytes } from 'node:crypto';

import { Producer } from '@rocketmq-ts/client';

const BODY_BYTES = 256 * 1024;

/**
 * Sends incompressible 256 KiB bodies (8 in flight) until the topic holds `bytes` of bodies; the
 * producer's compression threshold is above the body size so the broker stores them as sent.
 */
export async function fillTopic(namesrvAddr: string, topic: string, bytes: number): Promise<{ messages: number; ms: number }> {
  const producer = new Producer({
    namesrvAddr,
    producerGroup: `ha_e2e_fill_${Date.now().toString(36)}`,
    compressMsgBodyOverHowmuch: BODY_BYTES + 1,
    sendMsgTimeoutMs: 30_000,
  });
  await producer.start();
  const started = Date.now();
  const total = Math.ceil(bytes / BODY_BYTES);
  let next = 0;
  try {
    const sender = async (): Promise<void> => {
      // One random block per sender, its first bytes changed per message: cheap and still incompressible.
      const body = randomBytes(BODY_BYTES);
      while (next < total) {
        body.writeUInt32BE(next, 0);
        next += 1;
        await producer.send({ topic, body });
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
  } finally {
    await producer.shutdown();
  }
  return { messages: total, ms: Date.now() - started };
}
