import type { ReplicasInfo } from '@rocketmq-ts/protocol';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { allInSync, portOf, replicaSetView, uniqueName, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import { type Ack, javaReceive, javaSend } from '@rocketmq-ts/testing/clients';

import { clusterList, createTopic, launch, type Launch, messagesIn, pidOf, waitForReady, waitForTopicOn } from './support/launcher';

const CONTROLLERS = ['controller-n0', 'controller-n1', 'controller-n2'];
const GROUPS = {
  'broker-a': ['broker-a-n0', 'broker-a-n1', 'broker-a-n2'],
  'broker-b': ['broker-b-n0', 'broker-b-n1', 'broker-b-n2'],
} as const;
type Group = keyof typeof GROUPS;

/** The SyncStateSet view of `group`, from whichever controller answers (the leader). */
function replicasOf(launched: Launch, group: Group): Promise<ReplicasInfo | undefined> {
  return replicaSetView(() => CONTROLLERS.map((name) => portOf(launched.address(name))), group)();
}

/** The launcher's process name of the broker at `address`. */
function nameAt(launched: Launch, group: Group, address: string): string {
  const name = GROUPS[group].find((candidate) => launched.address(candidate) === address);
  if (name === undefined) throw new Error(`${address} is none of ${group}'s replicas`);
  return name;
}

// `npm start -- --mode controller` (restarts on by default there): three controllers elect a master
// in each of two groups of three; the Java client sends to both groups; SIGKILL of broker-a's master
// → the controllers elect another replica of broker-a (a new address, a larger epoch), sends are
// acknowledged again, the launcher restarts the killed broker, it rejoins broker-a's SyncStateSet as
// a slave, and every acknowledged message is consumed.
describe('launcher > --mode controller', () => {
  useProcessHygiene({ beforeEach, afterAll });

  it('elects a master per group, replaces a SIGKILLed master, restarts it as a slave back in the SyncStateSet, and loses no acknowledged message', async () => {
    const startedAt = Date.now();
    const launched = await launch('controller');
    await waitForReady(launched);
    const readyS = (Date.now() - startedAt) / 1000;
    for (const name of CONTROLLERS)
      await launched.process.waitForOutput(new RegExp(`\\[start\\] {3}Controller ${launched.address(name)} `), {
        timeoutMs: 1_000,
        reason: `the banner lists ${name}`,
      });
    const [namesrv1] = launched.namesrvAddrs as [string, string];
    // Start order: every controller up before the first name server, both name servers before any broker.
    const upAt = (name: string): number => launched.process.lines().findIndex((line) => line.text.startsWith(`[start] ${name} up: `));
    const brokerNames = Object.values(GROUPS).flat();
    expect(Math.max(...CONTROLLERS.map(upAt))).toBeLessThan(upAt('namesrv-1'));
    expect(upAt('namesrv-1')).toBeLessThan(upAt('namesrv-2'));
    expect(Math.min(...brokerNames.map(upAt))).toBeGreaterThan(upAt('namesrv-2'));
    expect(Math.min(...CONTROLLERS.map(upAt))).toBeGreaterThanOrEqual(0);

    // Each group: a master and all three replicas in sync.
    const first = new Map<Group, ReplicasInfo>();
    for (const group of Object.keys(GROUPS) as Group[]) first.set(group, await allInSync(() => replicasOf(launched, group), 3, 60_000));
    const oldMaster = first.get('broker-a') as ReplicasInfo;
    const masters = await waitFor(
      async () => {
        const brokers = await clusterList(namesrv1);
        const routed = brokers
          .filter((broker) => broker.brokerId === 0)
          .map((broker) => broker.addr)
          .sort();
        return routed.length === 2 ? routed : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, reason: 'clusterList shows a master (id 0) of each group' },
    );
    expect(masters).toEqual([oldMaster.masterAddress, first.get('broker-b')?.masterAddress].sort());

    const topic = uniqueName('controller');
    await createTopic(namesrv1, topic);
    // The controller may elect any replica next: all of them must know the topic first.
    await Promise.all(
      Object.values(GROUPS)
        .flat()
        .map((name) => waitForTopicOn(launched.address(name), topic)),
    );
    const before = await javaSend(launched.namesrvAddrs, topic, 'before', 40);
    expect(new Set(before.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));

    const victim = nameAt(launched, 'broker-a', oldMaster.masterAddress as string);
    process.kill(pidOf(launched, victim), 'SIGKILL');
    const killedAt = Date.now();
    await launched.process.waitForOutput(
      new RegExp(`${victim} \\(pid \\d+\\) exited: signal SIGKILL; .*10 other processes keep running; restarting in 1 s`),
      {
        timeoutMs: 10_000,
        reason: 'the one-line report of the dead master',
      },
    );
    const elected = await waitFor(
      async () => {
        const replicas = await replicasOf(launched, 'broker-a');
        return replicas?.masterAddress !== undefined && replicas.masterAddress !== oldMaster.masterAddress ? replicas : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, reason: 'the controllers elect a new master of broker-a' },
    );
    const electedMs = Date.now() - killedAt;
    expect(elected.masterEpoch).toBeGreaterThan(oldMaster.masterEpoch);
    await waitFor(
      async () =>
        (await clusterList(namesrv1)).some(
          (broker) => broker.brokerName === 'broker-a' && broker.brokerId === 0 && broker.addr === elected.masterAddress,
        ),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        reason: 'the name server routes broker-a to its new master',
      },
    );
    const routedMs = Date.now() - killedAt;
    const after = await javaSend(launched.namesrvAddrs, topic, 'after', 40);
    expect(new Set(after.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));

    // The launcher restarts the killed broker; it follows the new master and is taken back into the set.
    await launched.process.waitForOutput(new RegExp(`${victim} up again \\(restart 1, down [\\d.]+ s\\)`), {
      timeoutMs: 60_000,
      reason: `${victim} restarted by the launcher`,
    });
    const rejoined = await waitFor(
      async () => {
        const replicas = await replicasOf(launched, 'broker-a');
        const back = replicas?.inSyncReplicas.some((replica) => replica.brokerAddress === oldMaster.masterAddress) === true;
        return back && replicas?.inSyncReplicas.length === 3 ? replicas : undefined;
      },
      // An election resets the set to the new master alone; each slave is taken back once it caught up.
      { timeoutMs: 60_000, intervalMs: 500, reason: `${victim} back in broker-a's SyncStateSet, all three in sync` },
    );
    const rejoinedS = (Date.now() - killedAt) / 1000;
    expect(rejoined.masterAddress).toBe(elected.masterAddress);
    expect(
      (await clusterList(namesrv1)).filter((broker) => broker.addr === oldMaster.masterAddress).map((broker) => broker.brokerId),
    ).toEqual([oldMaster.inSyncReplicas.find((replica) => replica.brokerAddress === oldMaster.masterAddress)?.brokerId]);

    // Every acknowledged message, read through the current masters (the Java consumer stops at the count stored there).
    const acks: Ack[] = [...before, ...after];
    const currentMasters = [elected.masterAddress as string, first.get('broker-b')?.masterAddress as string];
    const received = await javaReceive(
      launched.namesrvAddrs,
      topic,
      uniqueName('controller_consumer'),
      await messagesIn(currentMasters, topic),
    );
    expect(acks.map((ack) => ack.key).filter((key) => !received.has(key))).toEqual([]);
    console.log(
      `launcher-e2e(controller): ready after ${readyS.toFixed(1)} s; broker-a master ${oldMaster.masterAddress} (epoch ${oldMaster.masterEpoch}) SIGKILLed → ${elected.masterAddress} (epoch ${elected.masterEpoch}) elected after ${electedMs} ms, routed after ${routedMs} ms; ${victim} back in the SyncStateSet after ${rejoinedS.toFixed(1)} s; ${acks.length} acknowledged, ${received.size} consumed`,
    );

    launched.process.kill('SIGTERM');
    expect(await launched.process.waitForExit({ timeoutMs: 60_000, reason: 'the launcher stops on SIGTERM' })).toMatchObject({
      code: 0,
      signal: null,
    });
  });
});
