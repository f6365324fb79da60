import { createTempDir, JAVA_BIN, spawnProcess } from '@rocketmq-ts/testing';

export interface JavaSendSummary {
  readonly sendOk: number;
  readonly lines: readonly string[];
}

/**
 * InteropProducer (official client 5.3.3) with or without `-Dtls.enable=true`, the setting a Java
 * application turns TLS on with; `tls.test.mode.enable` stays at its default (trust any server
 * certificate), as in RocketMQ's own quick start.
 */
export async function javaSend(options: { namesrv: string; topic: string; count: number; tls: boolean }): Promise<JavaSendSummary> {
  const home = createTempDir('java-tls-client');
  try {
    const child = spawnProcess({
      name: `java producer (tls=${options.tls})`,
      command: `${JAVA_BIN}/run-client.sh`,
      args: ['InteropProducer', '-n', options.namesrv, '-t', options.topic, '-c', String(options.count), '--timeout-ms', '3000'],
      env: { CLIENT_HOME: home.path, CLIENT_JAVA_OPTS: options.tls ? '-Dtls.enable=true' : '' },
      logFile: true,
    });
    await child.waitForExit({ timeoutMs: 120_000, reason: 'InteropProducer finished' });
    const lines = child.lines().map((line) => line.text);
    const summary = lines.find((line) => line.startsWith('SUMMARY '));
    const sendOk = summary === undefined ? 0 : Number((JSON.parse(summary.slice('SUMMARY '.length)) as { sendOk?: number }).sendOk ?? 0);
    return { sendOk, lines };
  } finally {
    home.remove();
  }
}
