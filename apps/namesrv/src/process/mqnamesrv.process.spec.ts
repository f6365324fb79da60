import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTempDir, freePorts, processes, withLogsOnFailure } from '@rocketmq-ts/testing';

const MQNAMESRV = resolve(__dirname, '../../../../bin/mqnamesrv');
const BOOT_TIMEOUT_MS = 60_000;

// The real start script as an operator runs it: a child process from source, a properties file,
// CLI overrides, SIGTERM to stop. Slow-ish (TypeScript compiled on load), so one start per case.
describe('Namesrv > bin/mqnamesrv', () => {
  const dir = createTempDir('mqnamesrv');
  const client = new RemotingClient();

  afterAll(async () => {
    await client.close();
    await processes.stopAll();
    dir.remove();
  });

  it('starts from a -c file with --listenPort, answers over TCP, and exits 0 on SIGTERM', async () => {
    const [listenPort, httpPort] = await freePorts(2);
    const confPath = dir.join('namesrv.conf');
    writeFileSync(
      confPath,
      `# test namesrv\nbindAddress=127.0.0.1\nhttpPort=${httpPort}\nkvConfigPath=${dir.join('kv', 'kvConfig.json')}\nlistenPort=1\n`,
    );
    const namesrv = processes.spawn({ name: 'mqnamesrv', command: MQNAMESRV, args: ['-c', confPath, `--listenPort=${listenPort}`] });

    await withLogsOnFailure(async () => {
      const booted = await namesrv.waitForOutput(/The Name Server boot success\. .*listening on 127\.0\.0\.1:(\d+)/, {
        timeoutMs: BOOT_TIMEOUT_MS,
        reason: 'mqnamesrv boot line',
      });
      expect(booted[1]).toBe(String(listenPort));

      const address = `127.0.0.1:${listenPort}`;
      const route = await client.invoke(
        address,
        createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'TopicTest' } }),
        5000,
      );
      expect(route.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
      expect(route.remark).toMatch(/^No topic route info in name server for the topic: TopicTest\n/);
      const topics = await client.invoke(address, createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), 5000);
      expect(topics.body?.toString('utf8')).toBe('{"topicList":[]}');

      namesrv.kill('SIGTERM');
      expect(await namesrv.exited).toEqual({ code: 0, signal: null });
    });
  });

  it('exits 1 naming every bad key, and the misspelt one, when the configuration is invalid', async () => {
    const confPath = dir.join('bad.conf');
    writeFileSync(confPath, 'enableAllTopicList=maybe\nlistenPrt=9876\n');
    const namesrv = processes.spawn({ name: 'mqnamesrv-bad', command: MQNAMESRV, args: ['-c', confPath, '--listenPort=abc'] });

    const exit = await namesrv.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    const stderr = namesrv
      .lines()
      .filter((line) => line.stream === 'stderr')
      .map((line) => line.text);
    expect(stderr).toEqual([
      'invalid configuration:',
      '  listenPort: expected an integer in [1, 65535], got "abc" (--listenPort)',
      `  enableAllTopicList: expected "true" or "false", got "maybe" (${confPath} line 1)`,
      `warning: unknown key "listenPrt" (${confPath} line 2) ignored; did you mean "listenPort"?`,
    ]);
  });

  it('serves HTTP on any free port with httpPort=0, and exits 1 naming httpPort when the one derived from listenPort is taken', async () => {
    const kv = `--kvConfigPath=${dir.join('kv-http', 'kvConfig.json')}`;
    const [listenPort] = await freePorts(1);
    const ephemeral = processes.spawn({
      name: 'mqnamesrv-http0',
      command: MQNAMESRV,
      args: ['--bindAddress=127.0.0.1', `--listenPort=${listenPort}`, '--httpPort=0', kv],
    });
    await withLogsOnFailure(async () => {
      const booted = await ephemeral.waitForOutput(/http on 127\.0\.0\.1:(\d+)/, {
        timeoutMs: BOOT_TIMEOUT_MS,
        reason: 'mqnamesrv boot line with httpPort=0',
      });
      const httpPort = Number(booted[1]);
      expect(httpPort).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${httpPort}/health`)).status).toBe(200);
      await ephemeral.stop();
    });

    const holder = createServer();
    const held = await new Promise<number>((resolveHeld) =>
      holder.listen(0, '127.0.0.1', () => resolveHeld((holder.address() as AddressInfo).port)),
    );
    try {
      // listenPort such that its default HTTP port (listenPort - 31) is the held one.
      const namesrv = processes.spawn({
        name: 'mqnamesrv-taken',
        command: MQNAMESRV,
        args: ['--bindAddress=127.0.0.1', `--listenPort=${held + 31}`, kv],
      });
      expect(await namesrv.exited).toEqual({ code: 1, signal: null });
      const stderr = namesrv
        .lines()
        .filter((line) => line.stream === 'stderr')
        .map((line) => line.text);
      expect(stderr).toEqual([
        'cannot start:',
        `  httpPort: 127.0.0.1:${held} is already in use (listenPort - 31, the default); set httpPort to a free port, or 0 for any free port`,
      ]);
    } finally {
      holder.close();
    }
  });
});
