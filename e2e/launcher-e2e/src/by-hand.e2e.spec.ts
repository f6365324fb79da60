import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import {
  BROKER_BIN,
  freeLauncherPortOffset,
  NAMESRV_BIN,
  spawnProcess,
  suiteTempDir,
  useProcessHygiene,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

const BOOT_TIMEOUT_MS = 90_000;

/** A deployment-guide file with only listenPort and the store path changed; it names no httpPort. */
function brokerFile(dir: string, conf: string, listenPort: number): string {
  const text = readFileSync(join(WORKSPACE_ROOT, 'conf', '2m-2s-sync', `${conf}.properties`), 'utf8')
    .replace(/^listenPort=\d+$/m, `listenPort=${listenPort}`)
    .replace(/^storePathRootDir=.*$/m, `storePathRootDir=${join(dir, conf)}`);
  expect(text).not.toMatch(/^httpPort=/m);
  const file = join(dir, `${conf}.properties`);
  writeFileSync(file, text);
  return file;
}

// Two name servers and two brokers started by hand on one host, as RocketMQ's one-host layouts
// have them (name servers 9876/9877, broker-a's master on 10911 and broker-b's slave on 11011, all
// shifted to ports free here): each differs only in listenPort (and its store), none names an HTTP
// port, and all four listen, their HTTP ports included.
describe('launcher > servers started by hand side by side', () => {
  useProcessHygiene({ beforeEach, afterAll });

  it('two name servers and two brokers from files without httpPort all listen', async () => {
    const offset = await freeLauncherPortOffset();
    const dir = suiteTempDir('launcher-e2e-by-hand').path;
    const namesrvPorts = [9876 + offset, 9877 + offset];
    const namesrvs = namesrvPorts.map((port, index) => {
      const file = join(dir, `namesrv-${index}.properties`);
      writeFileSync(file, `listenPort=${port}\nkvConfigPath=${join(dir, `namesrv-${index}`, 'kvConfig.json')}\n`);
      return spawnProcess({
        name: `namesrv-${port}`,
        command: NAMESRV_BIN,
        args: ['-c', file, '--bindAddress=127.0.0.1'],
        cwd: WORKSPACE_ROOT,
        logFile: true,
      });
    });
    const namesrvAddr = namesrvPorts.map((port) => `127.0.0.1:${port}`).join(';');
    const brokers = [
      ['broker-a', 10911 + offset],
      ['broker-b-s', 11011 + offset],
    ].map(([conf, port]) =>
      spawnProcess({
        name: `${conf}-${port}`,
        command: BROKER_BIN,
        args: ['-c', brokerFile(dir, String(conf), Number(port)), '-n', namesrvAddr, '--brokerIP1=127.0.0.1', '--bindAddress=127.0.0.1'],
        cwd: WORKSPACE_ROOT,
        logFile: true,
      }),
    );
    const httpPorts: number[] = [];
    for (const server of [...namesrvs, ...brokers]) {
      const booted = await server.waitForOutput(/boot success.*http on 127\.0\.0\.1:(\d+)/, {
        timeoutMs: BOOT_TIMEOUT_MS,
        reason: `${server.name} boot line`,
      });
      httpPorts.push(Number(booted[1]));
    }
    // Every HTTP port is listenPort - 31, and answers.
    expect(httpPorts).toEqual([...namesrvPorts, 10911 + offset, 11011 + offset].map((port) => port - 31));
    for (const port of httpPorts) expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    for (const [index, server] of [...namesrvs, ...brokers].entries()) {
      const port = [...namesrvPorts, 10911 + offset, 11011 + offset][index] as number;
      await server.waitForPort(port, { timeoutMs: 10_000, reason: `${server.name} listens on ${port}` });
      expect(server.running).toBe(true);
    }
  });
});
