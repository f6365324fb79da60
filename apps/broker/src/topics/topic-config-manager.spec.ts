import { describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import { createTopicConfig } from '@rocketmq-ts/model';

import type { MetadataFile } from '../persistence/metadata-file';
import { type TopicChange, TopicConfigManager } from './topic-config-manager';

// The topic table on its own: system topics at load, TBW102 auto-create rules
// (docs/remoting-protocol.md#requests-the-broker-serves step 2),
// DataVersion bumps and change events, persistence through the MetadataFile port (a memory fake).
class MemoryFile implements MetadataFile {
  readonly path = 'memory/topics.json';
  text: string | undefined;
  read(): Promise<string | undefined> {
    return Promise.resolve(this.text);
  }
  write(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  }
}

async function manager(overrides: { autoCreateTopicEnable?: boolean; file?: MemoryFile } = {}) {
  const file = overrides.file ?? new MemoryFile();
  const clock = new ManualClock();
  const topics = new TopicConfigManager({
    file,
    clock,
    brokerClusterName: 'DefaultCluster',
    brokerName: 'broker-a',
    autoCreateTopicEnable: overrides.autoCreateTopicEnable ?? true,
    defaultTopicQueueNums: 8,
    delayLevelCount: 18,
  });
  await topics.load();
  return { topics, file, clock };
}

describe('Broker > topics > TopicConfigManager', () => {
  it('creates the system topics at first load, TBW102 with perm 7 and 8 queues', async () => {
    const { topics, file } = await manager();
    expect(topics.selectTopicConfig('TBW102')).toMatchObject({ perm: 7, readQueueNums: 8, writeQueueNums: 8 });
    expect([...topics.topicConfigTable.keys()]).toEqual(
      expect.arrayContaining(['SELF_TEST_TOPIC', 'DefaultCluster', 'broker-a', 'SCHEDULE_TOPIC_XXXX', 'OFFSET_MOVED_EVENT']),
    );
    expect(topics.selectTopicConfig('SCHEDULE_TOPIC_XXXX')?.writeQueueNums).toBe(18);
    expect(JSON.parse(file.text ?? '{}').topicConfigTable.TBW102.perm).toBe(7);
  });

  it('has no TBW102 and creates nothing from it when autoCreateTopicEnable is off, even if an old file holds it', async () => {
    const old = await manager();
    const { topics } = await manager({ autoCreateTopicEnable: false, file: old.file });
    expect(topics.selectTopicConfig('TBW102')).toBeDefined();
    expect(topics.createTopicInSendMessageMethod('NewTopic', 'TBW102', 4, 0)).toBeUndefined();
    const fresh = await manager({ autoCreateTopicEnable: false });
    expect(fresh.topics.selectTopicConfig('TBW102')).toBeUndefined();
  });

  it('creates from a template with min(requested, template queues), perm without INHERIT, and announces it', async () => {
    const { topics, clock } = await manager();
    const changes: TopicChange[] = [];
    topics.onChange((change) => changes.push(change));
    const before = topics.dataVersion;
    clock.advance(1000);
    expect(topics.createTopicInSendMessageMethod('Small', 'TBW102', 4, 0)).toMatchObject({ readQueueNums: 4, writeQueueNums: 4, perm: 6 });
    expect(topics.createTopicInSendMessageMethod('Capped', 'TBW102', 64, 0)?.writeQueueNums).toBe(8);
    expect(topics.dataVersion.counter).toBe(before.counter + 2n);
    expect(topics.dataVersion.timestamp).toBe(before.timestamp + 1000n);
    expect(changes).toEqual([
      { kind: 'created', topic: 'Small' },
      { kind: 'created', topic: 'Capped' },
    ]);
  });

  it('refuses templates without INHERIT', async () => {
    const { topics } = await manager();
    topics.updateTopicConfig(createTopicConfig('PlainTemplate', { perm: 6 }));
    expect(topics.createTopicInSendMessageMethod('FromPlain', 'PlainTemplate', 4, 0)).toBeUndefined();
  });

  it('treats an identical update as no change, and reloads what it persisted', async () => {
    const { topics, file } = await manager();
    expect(topics.updateTopicConfig(createTopicConfig('Admin', { readQueueNums: 2, writeQueueNums: 2 }))).toBe(true);
    const version = topics.dataVersion;
    expect(topics.updateTopicConfig(createTopicConfig('Admin', { readQueueNums: 2, writeQueueNums: 2 }))).toBe(false);
    expect(topics.dataVersion).toEqual(version);
    topics.createTopicInSendMessageBackMethod('%RETRY%G1', { queueNums: 1, perm: 6, topicSysFlag: 0 });
    const reloaded = await manager({ file });
    expect(reloaded.topics.selectTopicConfig('Admin')?.readQueueNums).toBe(2);
    expect(reloaded.topics.selectTopicConfig('%RETRY%G1')?.writeQueueNums).toBe(1);
    expect(reloaded.topics.dataVersion.counter).toBe(topics.dataVersion.counter);
    expect(reloaded.topics.deleteTopicConfig('Admin')).toBe(true);
    expect(reloaded.topics.selectTopicConfig('Admin')).toBeUndefined();
  });
});
