/**
 * Send throughput with ACL and TLS on and off (docs/security.md#cost), over the wire against real
 * processes (bin/mqnamesrv, bin/mqbroker): the same producer workload, 256 B bodies, 32 sends in
 * flight, against a broker started four ways: plain; aclEnable (every request signed and
 * checked); tlsMode enforcing (every byte encrypted); both. Printed, never asserted: the figures
 * depend on the machine and on what else runs on it.
 *
 *   npx nx run bench:security          (MESSAGES=100000 by default)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { silentLogger } from '@rocketmq-ts/base';
import { MQAdmin, Producer, type ProducerOptions } from '@rocketmq-ts/client';
import { createTempDir, generateTestCertificates, startLocalBroker, startLocalNamesrv, waitForMaster } from '@rocketmq-ts/testing';

const MESSAGES = Number(process.env['MESSAGES'] ?? 100_000);
const IN_FLIGHT = 32;
const BODY = Buffer.alloc(256, 'x');
const CREDENTIALS = { accessKey: 'benchuser', secretKey: 'bench-secret-1' };

interface Variant {
  readonly name: string;
  readonly acl: boolean;
  readonly tls: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: 'plain', acl: false, tls: false },
  { name: 'ACL on', acl: true, tls: false },
  { name: 'TLS on', acl: false, tls: true },
  { name: 'ACL + TLS', acl: true, tls: true },
];

async function main(): Promise<void> {
  const dir = createTempDir('bench-security');
  const certs = generateTestCertificates(dir.path);
  const aclFile = join(dir.path, 'plain_acl.yml');
  writeFileSync(
    aclFile,
    `accounts:\n  - accessKey: ${CREDENTIALS.accessKey}\n    secretKey: ${CREDENTIALS.secretKey}\n    admin: true\n    defaultTopicPerm: PUB|SUB\n    defaultGroupPerm: PUB|SUB\n`,
  );
  const tlsFiles = { tlsServerKeyPath: certs.serverKey, tlsServerCertPath: certs.serverCert };
  const namesrv = await startLocalNamesrv({ label: 'bench-security-namesrv', settings: { tlsMode: 'permissive', ...tlsFiles } });
  try {
    console.log(`Send throughput, ${MESSAGES} messages of ${BODY.length} B, ${IN_FLIGHT} in flight, one producer\n`);
    console.log(['broker'.padEnd(12), 'sends/s'.padStart(10), 'time'.padStart(10), 'vs plain'.padStart(10)].join(' '));
    let plain: number | undefined;
    for (const variant of VARIANTS) {
      const settings: Record<string, string> = {
        ...(variant.acl ? { aclEnable: 'true', aclFile } : {}),
        ...(variant.tls ? { tlsMode: 'enforcing', ...tlsFiles } : {}),
      };
      const broker = await startLocalBroker({
        label: `bench-security-${variant.name}`,
        namesrvAddr: namesrv.addr,
        brokerName: `bench_security_${VARIANTS.indexOf(variant)}`,
        settings,
      });
      try {
        await waitForMaster(namesrv.addr, broker.brokerName, broker.addr);
        const options: ProducerOptions = {
          namesrvAddr: namesrv.addr,
          producerGroup: `bench_security_pg_${VARIANTS.indexOf(variant)}`,
          logger: silentLogger,
          ...(variant.acl ? { credentials: CREDENTIALS } : {}),
          ...(variant.tls ? { tls: { ca: readFileSync(certs.caCert) } } : {}),
        };
        const topic = `bench_security_${VARIANTS.indexOf(variant)}_${Date.now()}`;
        const admin = new MQAdmin({
          namesrvAddr: namesrv.addr,
          ...(options.credentials ? { credentials: options.credentials } : {}),
          ...(options.tls ? { tls: options.tls } : {}),
        });
        await admin.createOrUpdateTopic({ topic, readQueueNums: 8, writeQueueNums: 8, perm: 6, order: false }, { brokerAddr: broker.addr });
        await admin.close();
        const perSecond = await sendAll(options, topic);
        plain ??= perSecond;
        console.log(
          [
            variant.name.padEnd(12),
            String(Math.round(perSecond)).padStart(10),
            `${((MESSAGES / perSecond) * 1000).toFixed(0)} ms`.padStart(10),
            `${((perSecond / plain) * 100).toFixed(0)} %`.padStart(10),
          ].join(' '),
        );
      } finally {
        await broker.process.stop();
        broker.dir.remove();
      }
    }
  } finally {
    await namesrv.process.stop();
    namesrv.dir.remove();
    dir.remove();
  }
}

/** Warms up with 1,000 sends, then times MESSAGES sends; resolves with sends per second. */
async function sendAll(options: ProducerOptions, topic: string): Promise<number> {
  const producer = new Producer(options);
  await producer.start();
  try {
    await run(producer, topic, 1_000);
    const started = performance.now();
    await run(producer, topic, MESSAGES);
    return (MESSAGES / (performance.now() - started)) * 1000;
  } finally {
    await producer.shutdown();
  }
}

async function run(producer: Producer, topic: string, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      await producer.send({ topic, body: BODY });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
