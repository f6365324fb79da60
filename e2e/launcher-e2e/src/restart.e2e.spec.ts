import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { uniqueName, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import { closeDefaultProducer, javaReceive, javaSend, OnsKeyCollector, OnsSendLoop, useOnsClients } from '@rocketmq-ts/testing/clients';

import {
  commitLogMaxOffset,
  createTopic,
  groupsOf,
  launch,
  type Launch,
  messagesIn,
  pidOf,
  waitForReady,
  waitForTopicOn,
} from './support/launcher';

/** The acceptance bound for a restarted process; measured figures are printed. */
const BACK_WITHIN_S = 10;
const ALL_GROUPS = { 'broker-a': [0, 1], 'broker-b': [0, 1] };

/** SIGKILLs `name` and waits for the launcher's "up again" line; the seconds it reports the process was down. */
async function killAndWaitBack(launched: Launch, name: string): Promise<{ downS: number; backAt: number }> {
  process.kill(pidOf(launched, name), 'SIGKILL');
  const match = await launched.process.waitForOutput(new RegExp(`${name} up again \\(restart 1, down ([\\d.]+) s\\)`), {
    timeoutMs: 60_000,
    reason: `${name} restarted by the launcher`,
  });
  return { downS: Number(match[1]), backAt: Date.now() };
}

// `npm start -- --restart` in 2m-2s-sync while ali-ons sends: a SIGKILLed master, slave and name
// server each come back within 10 s and register; the restarted master takes sends again, the
// restarted slave catches up, and every acknowledged message is consumed.
describe('launcher > --restart brings SIGKILLed processes back', () => {
  useProcessHygiene({ beforeEach, afterAll });
  const { closers, printOnFailure } = useOnsClients();

  it('restarts a master, a slave and a name server within 10 s each, registered; sends reach the master again and the slave catches up', async (context) => {
    printOnFailure(context);
    const launched = await launch('2m-2s-sync', ['--restart']);
    await waitForReady(launched);
    const [namesrv1] = launched.namesrvAddrs as [string, string];
    const topic = uniqueName('restart');
    await createTopic(namesrv1, topic);
    await Promise.all(['broker-a-s', 'broker-b-s'].map((name) => waitForTopicOn(launched.address(name), topic)));
    const ons = new OnsSendLoop(launched.namesrvAddrs, topic, 'ons', uniqueName('ons_producer'));
    closers.push(() => ons.stop());
    await ons.start();
    await waitFor(() => ons.acksOf('broker-a').length >= 10 && ons.acksOf('broker-b').length >= 10, {
      timeoutMs: 60_000,
      reason: 'ali-ons acks from both groups',
    });

    const killedAt = Date.now();
    const master = await killAndWaitBack(launched, 'broker-a');
    expect(master.downS).toBeLessThanOrEqual(BACK_WITHIN_S);
    await waitFor(async () => JSON.stringify(await groupsOf(namesrv1)) === JSON.stringify(ALL_GROUPS), {
      timeoutMs: 30_000,
      intervalMs: 500,
      reason: 'the restarted master registered',
    });
    const masterRegisteredS = (Date.now() - killedAt) / 1000;
    await waitFor(() => ons.acksOf('broker-a', master.backAt).length >= 10, {
      timeoutMs: 60_000,
      reason: 'new sends reach the restarted master',
    });

    const slave = await killAndWaitBack(launched, 'broker-b-s');
    expect(slave.downS).toBeLessThanOrEqual(BACK_WITHIN_S);
    await waitFor(async () => JSON.stringify(await groupsOf(namesrv1)) === JSON.stringify(ALL_GROUPS), {
      timeoutMs: 30_000,
      intervalMs: 500,
      reason: 'the restarted slave registered',
    });

    const acksBefore = ons.acks.length;
    const namesrv = await killAndWaitBack(launched, 'namesrv-1');
    expect(namesrv.downS).toBeLessThanOrEqual(BACK_WITHIN_S);
    // The restarted name server starts empty; every broker registers again within its 30 s period.
    await waitFor(async () => JSON.stringify(await groupsOf(namesrv1)) === JSON.stringify(ALL_GROUPS), {
      timeoutMs: 60_000,
      intervalMs: 1_000,
      reason: 'every broker registered with the restarted name server',
    });
    await waitFor(() => ons.acks.length >= acksBefore + 20, { timeoutMs: 60_000, reason: 'ali-ons acks after the name server restart' });
    const javaAcks = await javaSend(launched.namesrvAddrs, topic, 'java', 40);
    expect(new Set(javaAcks.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));
    await ons.stop();

    // The restarted slave holds every byte its master wrote, including what was sent while it was down.
    await waitFor(
      async () => (await commitLogMaxOffset(launched.address('broker-b-s'))) === (await commitLogMaxOffset(launched.address('broker-b'))),
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        reason: 'the restarted slave caught up with its master',
      },
    );
    const acks = [...ons.acks, ...javaAcks];
    const collector = new OnsKeyCollector(launched.namesrvAddrs, topic, uniqueName('ons_consumer'));
    closers.push(() => collector.close());
    const [javaKeys] = await Promise.all([
      javaReceive(
        launched.namesrvAddrs,
        topic,
        uniqueName('java_consumer'),
        await messagesIn([launched.address('broker-a'), launched.address('broker-b')], topic),
      ),
      collector.ready().then(() =>
        waitFor(() => collector.missing(acks.map((ack) => ack.key)).length === 0, {
          timeoutMs: 120_000,
          intervalMs: 500,
          reason: `ali-ons consumes every one of ${acks.length} acks`,
        }),
      ),
    ]);
    expect(acks.map((ack) => ack.key).filter((key) => !javaKeys.has(key))).toEqual([]);
    await collector.close();
    await closeDefaultProducer();
    process.stdout.write(
      `\n[launcher-e2e figures] restart: master down ${master.downS} s (registered ${masterRegisteredS.toFixed(1)} s after the kill), slave down ${slave.downS} s, name server down ${namesrv.downS} s; acks ${acks.length}\n`,
    );

    launched.process.kill('SIGTERM');
    expect(await launched.process.waitForExit({ timeoutMs: 60_000, reason: 'the launcher stops on SIGTERM' })).toMatchObject({
      code: 0,
      signal: null,
    });
  });
});
