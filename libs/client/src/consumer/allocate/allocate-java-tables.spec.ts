import type { MessageQueue } from '@rocketmq-ts/model';
import { describe, expect, it } from 'vitest';

import { AllocateConsistentHash } from './allocate-consistent-hash';
import type { AllocateStrategy } from './allocate-strategy';
import { allocateStrategyByName } from './allocate-strategy-by-name';
import { md5RingHash } from './consistent-hash-ring';

// Expected owners were printed by Apache rocketmq-client 5.3.3's strategies run on the same inputs
// (a throwaway Java main outside the repo), so these tables pin agreement with Java members.

function queues(topic: string, brokers: readonly string[], perBroker: number): MessageQueue[] {
  return brokers.flatMap((brokerName) => Array.from({ length: perBroker }, (_, queueId) => ({ topic, brokerName, queueId })));
}

const threeMembers = ['127.0.0.1@1', '127.0.0.1@2', '127.0.0.1@3'];
const fiveMembers = ['10.0.0.1@100#8', '10.0.0.2@101#8', '10.0.0.3@102#8', '10.0.0.4@103#8', '10.0.0.5@104#8'];
const eightQueues = queues('TopicTest', ['broker-a', 'broker-b'], 4);
const twoQueues = queues('TopicTest', ['broker-a'], 2);
const sixteenQueues = queues('T', ['broker-a', 'broker-b', 'broker-c', 'broker-d'], 4);

function ownersOf(strategy: AllocateStrategy, all: readonly MessageQueue[], members: readonly string[]): string[][] {
  return members.map((member) => strategy.allocate('G', member, all, members).map((queue) => `${queue.brokerName}/${queue.queueId}`));
}

interface JavaCase {
  readonly strategy: () => AllocateStrategy;
  readonly queues: readonly MessageQueue[];
  readonly members: readonly string[];
  readonly expected: readonly (readonly string[])[];
}

const cases: Record<string, JavaCase> = {
  'AVG 8 queues / 3 members': {
    strategy: () => allocateStrategyByName('AVG'),
    queues: eightQueues,
    members: threeMembers,
    expected: [
      ['broker-a/0', 'broker-a/1', 'broker-a/2'],
      ['broker-a/3', 'broker-b/0', 'broker-b/1'],
      ['broker-b/2', 'broker-b/3'],
    ],
  },
  'AVG 2 queues / 3 members': {
    strategy: () => allocateStrategyByName('AVG'),
    queues: twoQueues,
    members: threeMembers,
    expected: [['broker-a/0'], ['broker-a/1'], []],
  },
  'AVG 16 queues / 5 members': {
    strategy: () => allocateStrategyByName('AVG'),
    queues: sixteenQueues,
    members: fiveMembers,
    expected: [
      ['broker-a/0', 'broker-a/1', 'broker-a/2', 'broker-a/3'],
      ['broker-b/0', 'broker-b/1', 'broker-b/2'],
      ['broker-b/3', 'broker-c/0', 'broker-c/1'],
      ['broker-c/2', 'broker-c/3', 'broker-d/0'],
      ['broker-d/1', 'broker-d/2', 'broker-d/3'],
    ],
  },
  'AVG_BY_CIRCLE 8 queues / 3 members': {
    strategy: () => allocateStrategyByName('AVG_BY_CIRCLE'),
    queues: eightQueues,
    members: threeMembers,
    expected: [
      ['broker-a/0', 'broker-a/3', 'broker-b/2'],
      ['broker-a/1', 'broker-b/0', 'broker-b/3'],
      ['broker-a/2', 'broker-b/1'],
    ],
  },
  'AVG_BY_CIRCLE 2 queues / 3 members': {
    strategy: () => allocateStrategyByName('AVG_BY_CIRCLE'),
    queues: twoQueues,
    members: threeMembers,
    expected: [['broker-a/0'], ['broker-a/1'], []],
  },
  'AVG_BY_CIRCLE 16 queues / 5 members': {
    strategy: () => allocateStrategyByName('AVG_BY_CIRCLE'),
    queues: sixteenQueues,
    members: fiveMembers,
    expected: [
      ['broker-a/0', 'broker-b/1', 'broker-c/2', 'broker-d/3'],
      ['broker-a/1', 'broker-b/2', 'broker-c/3'],
      ['broker-a/2', 'broker-b/3', 'broker-d/0'],
      ['broker-a/3', 'broker-c/0', 'broker-d/1'],
      ['broker-b/0', 'broker-c/1', 'broker-d/2'],
    ],
  },
  'CONSISTENT_HASH 8 queues / 3 members': {
    strategy: () => allocateStrategyByName('CONSISTENT_HASH'),
    queues: eightQueues,
    members: threeMembers,
    expected: [
      ['broker-a/1', 'broker-a/3', 'broker-b/2'],
      ['broker-a/0', 'broker-a/2', 'broker-b/0'],
      ['broker-b/1', 'broker-b/3'],
    ],
  },
  'CONSISTENT_HASH 2 queues / 3 members': {
    strategy: () => allocateStrategyByName('CONSISTENT_HASH'),
    queues: twoQueues,
    members: threeMembers,
    expected: [['broker-a/1'], ['broker-a/0'], []],
  },
  'CONSISTENT_HASH 16 queues / 5 members': {
    strategy: () => allocateStrategyByName('CONSISTENT_HASH'),
    queues: sixteenQueues,
    members: fiveMembers,
    expected: [
      ['broker-a/0', 'broker-c/0', 'broker-d/1', 'broker-d/3'],
      ['broker-a/2', 'broker-b/1'],
      ['broker-a/1', 'broker-b/0', 'broker-c/1', 'broker-c/2', 'broker-c/3', 'broker-d/0', 'broker-d/2'],
      ['broker-a/3'],
      ['broker-b/2', 'broker-b/3'],
    ],
  },
  'CONSISTENT_HASH with 3 virtual nodes, 8 queues / 3 members': {
    strategy: () => new AllocateConsistentHash(3),
    queues: eightQueues,
    members: threeMembers,
    expected: [['broker-a/1', 'broker-a/2', 'broker-a/3', 'broker-b/1', 'broker-b/2', 'broker-b/3'], ['broker-a/0', 'broker-b/0'], []],
  },
  'CONSISTENT_HASH with 3 virtual nodes, 16 queues / 5 members': {
    strategy: () => allocateStrategyByName('CONSISTENT_HASH', { virtualNodeCount: 3 }),
    queues: sixteenQueues,
    members: fiveMembers,
    expected: [
      ['broker-a/0', 'broker-c/0', 'broker-d/3'],
      ['broker-a/2', 'broker-d/1'],
      ['broker-b/0', 'broker-c/2', 'broker-c/3', 'broker-d/2'],
      ['broker-a/3', 'broker-b/1', 'broker-c/1'],
      ['broker-a/1', 'broker-b/2', 'broker-b/3', 'broker-d/0'],
    ],
  },
  'MACHINE_ROOM rooms 1+2, 3 members': {
    strategy: () => allocateStrategyByName('MACHINE_ROOM', { consumerMachineRooms: ['room1', 'room2'] }),
    queues: queues('T', ['room1@broker-a', 'room2@broker-b', 'room3@broker-c', 'broker-d'], 3),
    members: threeMembers,
    expected: [
      ['room1@broker-a/0', 'room1@broker-a/1'],
      ['room1@broker-a/2', 'room2@broker-b/0'],
      ['room2@broker-b/1', 'room2@broker-b/2'],
    ],
  },
  'MACHINE_ROOM rooms 1+2, 5 members (leftover from the tail)': {
    strategy: () => allocateStrategyByName('MACHINE_ROOM', { consumerMachineRooms: ['room1', 'room2'] }),
    queues: queues('T', ['room1@broker-a', 'room2@broker-b', 'room3@broker-c', 'broker-d'], 3),
    members: fiveMembers,
    expected: [
      ['room1@broker-a/0', 'room2@broker-b/2'],
      ['room1@broker-a/1'],
      ['room1@broker-a/2'],
      ['room2@broker-b/0'],
      ['room2@broker-b/1'],
    ],
  },
};

describe('Client > Consumer > allocate strategies (Java tables)', () => {
  it.each(Object.entries(cases))('%s', (_label, javaCase) => {
    expect(ownersOf(javaCase.strategy(), javaCase.queues, javaCase.members)).toEqual(javaCase.expected);
  });

  it('hashes like ConsistentHashRouter.MD5Hash (first four digest bytes, unsigned)', () => {
    expect(md5RingHash('127.0.0.1@1-0')).toBe(2658317339);
    expect(md5RingHash('MessageQueue [topic=TopicTest, brokerName=broker-a, queueId=0]')).toBe(1987926524);
  });

  it('gives a member missing from the group, or an empty queue list, nothing', () => {
    for (const name of ['AVG', 'AVG_BY_CIRCLE', 'CONSISTENT_HASH'] as const) {
      const strategy = allocateStrategyByName(name);
      expect(strategy.allocate('G', 'stranger', eightQueues, threeMembers)).toEqual([]);
      expect(strategy.allocate('G', '127.0.0.1@1', [], threeMembers)).toEqual([]);
      expect(strategy.allocate('G', '', eightQueues, threeMembers)).toEqual([]);
    }
  });

  it('CONFIG returns its fixed list whoever asks', () => {
    const fixed = [{ topic: 'T', brokerName: 'broker-b', queueId: 3 }];
    const strategy = allocateStrategyByName('CONFIG', { queues: fixed });
    expect(strategy.allocate('G', 'anyone', eightQueues, threeMembers)).toEqual(fixed);
    expect(strategy.name).toBe('CONFIG');
  });

  it('names every strategy as Java does and rejects unknown names and missing options', () => {
    expect(['AVG', 'AVG_BY_CIRCLE', 'CONSISTENT_HASH'].map((name) => allocateStrategyByName(name).name)).toEqual([
      'AVG',
      'AVG_BY_CIRCLE',
      'CONSISTENT_HASH',
    ]);
    expect(allocateStrategyByName('MACHINE_ROOM', { consumerMachineRooms: [] }).name).toBe('MACHINE_ROOM');
    expect(() => allocateStrategyByName('ROUND_ROBIN')).toThrow(/unknown allocate strategy/);
    expect(() => allocateStrategyByName('MACHINE_ROOM')).toThrow(/consumerMachineRooms/);
    expect(() => allocateStrategyByName('CONFIG')).toThrow(/queues/);
    expect(() => new AllocateConsistentHash(-1)).toThrow(/virtual node count/);
  });
});
