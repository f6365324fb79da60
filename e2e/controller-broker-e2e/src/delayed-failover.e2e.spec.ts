/**
 * Master-only work follows the controller's role (docs/controller-mode-broker.md#master-only-services).
 * Three of our controllers, three of our brokers. A message with delay level 3 (10 s) goes to the
 * master; the master is SIGKILLed at once and restarted (it comes back as a slave) well before the
 * message is due. Then:
 * - the message is delivered to its real topic exactly once, and that record lies in the new
 *   master's epoch (per the epoch file), so the new master delivered it;
 * - the restarted broker never started its master-only services and never tried a delay put (a
 *   slave that ran the delay levels would log refused puts once the message is due).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createRequest, type ReplicasInfo, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { decodeMessageRecord, encodeMessageProperties, findMessageProperty } from '@rocketmq-ts/model';
import { RemotingClient } from '@rocketmq-ts/remoting';
import {
  allInSync as allReplicasInSync,
  createTopic,
  type Replica,
  replicaSetView,
  servingLeader,
  settledCommitLogs,
  startLocalNamesrv,
  startOurControllerGroup,
  startReplica,
  waitFor,
} from '@rocketmq-ts/testing';
import { describe, expect, it } from 'vitest';

import { epochAt, epochsOf } from './support/epochs';
import { useProcessHygiene } from './support/hygiene';

const BROKER_NAME = 'broker-delay';
const TOPIC = 'DelayFailoverTopic';
const KEY = `delayed-${Date.now()}`;
/** Level 3 of the default messageDelayLevel: 10 s. */
const DELAY_LEVEL = 3;
const DELAY_MS = 10_000;

useProcessHygiene();

/** Commit-log offsets of the records of `topic` carrying `key`, read from the segment files. */
function recordsWithKey(storeRoot: string, topic: string, key: string): number[] {
  const dir = join(storeRoot, 'commitlog');
  const found: number[] = [];
  for (const name of readdirSync(dir).sort()) {
    const data = readFileSync(join(dir, name));
    for (let position = 0; position + 4 <= data.length;) {
      const size = data.readInt32BE(position);
      if (size <= 0) break;
      let record;
      try {
        record = decodeMessageRecord(data, position, data.length);
      } catch {
        break; // the BLANK end-of-segment marker, or the unwritten tail
      }
      const properties = typeof record.properties === 'string' ? record.properties : Buffer.from(record.properties).toString('utf8');
      if (record.topic === topic && findMessageProperty(properties, 'KEYS') === key) found.push(record.physicalOffset);
      position += record.totalSize;
    }
  }
  return found;
}

describe('controller mode: master-only services follow the role', () => {
  it('a delayed message due after a failover is delivered once, by the new master; the demoted broker puts nothing', async () => {
    const namesrv = await startLocalNamesrv({ logFile: true });
    const group = await startOurControllerGroup({ count: 3, electionTimeoutMs: 1000, scanNotActiveBrokerIntervalMs: 1000 });
    await servingLeader(group.members);
    const brokers: Replica[] = [];
    for (let index = 0; index < 3; index++)
      brokers.push(await startReplica('ours', index, namesrv.addr, BROKER_NAME, group.controllerAddr));
    for (const broker of brokers) await createTopic({ brokerAddr: broker.addr, brokerName: BROKER_NAME, namesrvAddrs: [] }, TOPIC, 1);
    const view = replicaSetView(() => group.members.map((member) => member.port), BROKER_NAME);
    const allInSync = (): Promise<ReplicasInfo> => allReplicasInSync(view, brokers.length);
    const before = await allInSync();
    const oldMaster = before.masterAddress as string;

    // One SYNC send: acknowledged only once every member of the SyncStateSet has it.
    const client = new RemotingClient();
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'delay_producer',
      topic: TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 1,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: encodeMessageProperties({ KEYS: KEY, DELAY: String(DELAY_LEVEL), WAIT: 'true' }),
    });
    const sentAt = Date.now();
    const reply = await client.invoke(
      oldMaster,
      createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(`delayed ${KEY}`), language: 'JAVA' }),
      5_000,
    );
    await client.close();
    expect(reply.code, reply.remark).toBe(ResponseCode.SUCCESS);

    const victim = brokers.find((broker) => broker.addr === oldMaster) as Replica;
    await victim.kill();
    const after = await waitFor(
      async () => {
        const info = await view();
        return info?.masterAddress !== undefined && info.masterAddress !== oldMaster && info.masterEpoch > before.masterEpoch
          ? info
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, reason: 'the controllers elect another master' },
    );
    const electedMs = Date.now() - sentAt;
    await victim.restart();
    const restartedMs = Date.now() - sentAt;
    const newMaster = after.masterAddress as string;
    const master = brokers.find((broker) => broker.addr === newMaster) as Replica;

    await waitFor(() => recordsWithKey(master.storeRoot, TOPIC, KEY).length > 0 || undefined, {
      timeoutMs: 60_000,
      intervalMs: 250,
      reason: 'the delayed message delivered to its topic',
    });
    const deliveredMs = Date.now() - sentAt;
    await allInSync();
    // Longer than a delay-level retry round and a slave sync: a late second delivery would show.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const logs = await settledCommitLogs(brokers, 60_000);
    expect(logs.differing).toEqual([]);

    const delivered = recordsWithKey(master.storeRoot, TOPIC, KEY);
    const epochs = epochsOf(master.storeRoot);
    const demotedLog = victim.logLines();
    console.log(
      `delayed-failover: sent at 0 to ${oldMaster} (epoch ${before.masterEpoch}); ${newMaster} elected at ${electedMs} ms (epoch ${after.masterEpoch}); ` +
        `old master restarted at ${restartedMs} ms; delivered ${delivered.length}x at ${deliveredMs} ms (due ${DELAY_MS} ms) at offset ${delivered.join(',')}; logs equal at ${logs.maxOffset}`,
    );
    expect(restartedMs).toBeLessThan(DELAY_MS);
    expect(delivered).toHaveLength(1);
    expect(epochAt(epochs, delivered[0] as number)).toBe(after.masterEpoch);
    expect(recordsWithKey(victim.storeRoot, TOPIC, KEY)).toEqual(delivered);
    // The log capture works (the role line is there), and no master-only work ran on the demoted broker.
    expect(demotedLog.some((line) => line.includes('this broker is now a SLAVE'))).toBe(true);
    expect(
      demotedLog.filter((line) => line.includes('master-only services started') || line.includes('delay delivery put failed')),
    ).toEqual([]);
    expect(deliveredMs).toBeGreaterThanOrEqual(DELAY_MS);
  });
});
