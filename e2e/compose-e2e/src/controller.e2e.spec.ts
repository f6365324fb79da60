// Profile `controller` of compose/compose.yaml (docs/controller.md#running-it): three controller
// containers and two groups of three controller-mode broker containers, beside the stack's name
// servers. The controllers elect a master per group; `docker kill` of ctl-broker-a's master → another
// replica is elected (a new address, a larger epoch), the Java client's sends are acknowledged by
// both groups again, `docker compose start` brings the killed broker back into the SyncStateSet as
// a slave, and every acknowledged message is consumed. Only the profile's services and
// the name servers they need are brought up, and `down -v` takes them away again.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';

import type { ReplicasInfo } from '@rocketmq-ts/protocol';
import {
  allInSync,
  clusterList,
  isPortFree,
  messagesIn,
  portOf,
  replicaSetView,
  uniqueName,
  waitFor,
  waitForTopicOn,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';
import { type Ack, javaReceive, javaSend } from '@rocketmq-ts/testing/clients';

import { compose, containerOf, docker, stackLeftovers } from './support/compose';

const run = promisify(execFile);
const NAMESRVS = ['127.0.0.1:9876', '127.0.0.1:9877'];
const CONTROLLERS: Readonly<Record<string, string>> = {
  'controller-n0': '127.0.0.1:9878',
  'controller-n1': '127.0.0.1:9868',
  'controller-n2': '127.0.0.1:9858',
};
/** conf/controller's listen ports, under the group names the compose command line gives. */
const BROKERS: Readonly<Record<string, string>> = {
  'ctl-broker-a-n0': '127.0.0.1:12011',
  'ctl-broker-a-n1': '127.0.0.1:12111',
  'ctl-broker-a-n2': '127.0.0.1:12211',
  'ctl-broker-b-n0': '127.0.0.1:12021',
  'ctl-broker-b-n1': '127.0.0.1:12121',
  'ctl-broker-b-n2': '127.0.0.1:12221',
};
const GROUPS = ['ctl-broker-a', 'ctl-broker-b'] as const;
const UP_WITHIN_S = 120;
const PROFILE = ['--profile', 'controller'];

function serviceAt(address: string): string {
  const service = Object.keys(BROKERS).find((name) => BROKERS[name] === address);
  if (service === undefined) throw new Error(`no service of the profile listens on ${address}`);
  return service;
}

/** The SyncStateSet view of `group`, from whichever controller answers (the leader). */
function replicasOf(group: string): Promise<ReplicasInfo | undefined> {
  return replicaSetView(() => Object.values(CONTROLLERS).map(portOf), group)();
}

describe('docker compose --profile controller: a controller-mode cluster', () => {
  beforeAll(async () => {
    await compose([...PROFILE, 'down', '-v', '--remove-orphans'], 120_000);
    const ports = [...NAMESRVS, ...Object.values(CONTROLLERS), ...Object.values(BROKERS)].map((address) => Number(address.split(':')[1]));
    const busy = (await Promise.all(ports.map(async (port) => ((await isPortFree(port)) ? undefined : port)))).filter(
      (port) => port !== undefined,
    );
    expect(busy, 'ports of the profile already taken (an `npm start` cluster?)').toEqual([]);
  });

  afterAll(async () => {
    if ((await stackLeftovers().catch(() => [])).length > 0)
      await compose([...PROFILE, 'down', '-v', '--remove-orphans'], 120_000).catch(() => undefined);
  });

  it('elects a master per group, replaces a docker-killed master that rejoins as a slave when started, and keeps every acknowledged send', async () => {
    onTestFailed(async () => {
      const logs = await compose([...PROFILE, 'logs', '--no-color', '--tail', '15']).catch((error: Error) => error.message);
      process.stderr.write(`compose logs (last lines of each service):\n${logs}\n`);
    });
    const started = Date.now();
    await compose(
      [...PROFILE, 'up', '-d', '--wait', '--wait-timeout', String(UP_WITHIN_S), ...Object.keys(CONTROLLERS), ...Object.keys(BROKERS)],
      (UP_WITHIN_S + 30) * 1000,
    );
    const upS = (Date.now() - started) / 1000;

    const first = new Map<string, ReplicasInfo>();
    for (const group of GROUPS) first.set(group, await allInSync(() => replicasOf(group), 3, 60_000));
    const oldMaster = first.get('ctl-broker-a') as ReplicasInfo;

    const topic = uniqueName('ComposeControllerTopic');
    await run(
      join(WORKSPACE_ROOT, 'bin', 'mqadmin'),
      ['updateTopic', '-n', NAMESRVS[0] as string, '-c', 'ControllerCluster', '-t', topic, '-r', '4', '-w', '4'],
      { cwd: WORKSPACE_ROOT, timeout: 60_000 },
    );
    // The controllers may elect any replica next: every one must know the topic first.
    await Promise.all(Object.values(BROKERS).map((address) => waitForTopicOn(address, topic)));
    const before = await javaSend(NAMESRVS, topic, 'before', 40);
    expect(new Set(before.map((ack) => ack.brokerName))).toEqual(new Set(GROUPS));

    const victim = serviceAt(oldMaster.masterAddress as string);
    await docker(['kill', containerOf(victim)]);
    const killedAt = Date.now();
    const elected = await waitFor(
      async () => {
        const replicas = await replicasOf('ctl-broker-a');
        return replicas?.masterAddress !== undefined && replicas.masterAddress !== oldMaster.masterAddress ? replicas : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, reason: 'the controllers elect a new master of ctl-broker-a' },
    );
    const electedMs = Date.now() - killedAt;
    expect(elected.masterEpoch).toBeGreaterThan(oldMaster.masterEpoch);
    await waitFor(
      async () =>
        (await clusterList(NAMESRVS[0] as string)).some(
          (broker) => broker.brokerName === 'ctl-broker-a' && broker.brokerId === 0 && broker.addr === elected.masterAddress,
        ),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        reason: 'the name server routes ctl-broker-a to its new master',
      },
    );
    const routedMs = Date.now() - killedAt;
    const after = await javaSend(NAMESRVS, topic, 'after', 40);
    expect(new Set(after.map((ack) => ack.brokerName))).toEqual(new Set(GROUPS));
    // `docker kill` counts as stopped by hand: the restart policy leaves it down.
    expect((await docker(['inspect', '-f', '{{.State.Status}}', containerOf(victim)])).trim()).toBe('exited');

    // Started again by hand, the killed broker follows the new master and is taken back into the set.
    await compose([...PROFILE, 'start', victim], 60_000);
    await waitFor(
      async () => {
        const replicas = await replicasOf('ctl-broker-a');
        if (replicas === undefined || replicas.masterAddress !== elected.masterAddress) return false;
        return (
          replicas.inSyncReplicas.length === 3 &&
          replicas.inSyncReplicas.some((replica) => replica.brokerAddress === oldMaster.masterAddress)
        );
      },
      { timeoutMs: 60_000, intervalMs: 500, reason: `${victim} back in ctl-broker-a's SyncStateSet as a slave` },
    );
    const rejoinedS = (Date.now() - killedAt) / 1000;

    const acks: Ack[] = [...before, ...after];
    const masters = [elected.masterAddress as string, first.get('ctl-broker-b')?.masterAddress as string];
    const received = await javaReceive(NAMESRVS, topic, uniqueName('compose_controller_consumer'), await messagesIn(masters, topic));
    expect(acks.map((ack) => ack.key).filter((key) => !received.has(key))).toEqual([]);
    process.stdout.write(
      `compose-e2e(controller): profile up (3 controllers, 6 brokers, 2 name servers) in ${upS.toFixed(1)} s; ${victim} (${oldMaster.masterAddress}, epoch ${oldMaster.masterEpoch}) docker-killed → ${elected.masterAddress} (epoch ${elected.masterEpoch}) elected after ${electedMs} ms, routed after ${routedMs} ms; started again, back in the SyncStateSet ${rejoinedS.toFixed(1)} s after the kill; ${acks.length} acknowledged, ${received.size} consumed\n`,
    );

    await compose([...PROFILE, 'down', '-v', '--remove-orphans'], 120_000);
    expect(await stackLeftovers()).toEqual([]);
  });
});
