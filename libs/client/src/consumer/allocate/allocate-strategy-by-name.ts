import type { MessageQueue } from '@rocketmq-ts/model';

import { MQClientError } from '../../errors';
import { AllocateAveragely } from './allocate-averagely';
import { AllocateAveragelyByCircle } from './allocate-averagely-by-circle';
import { AllocateByConfig } from './allocate-by-config';
import { AllocateByMachineRoom } from './allocate-by-machine-room';
import { AllocateConsistentHash } from './allocate-consistent-hash';
import type { AllocateStrategy, AllocateStrategyName } from './allocate-strategy';

export interface AllocateStrategyOptions {
  /** CONSISTENT_HASH: points per member on the ring (default 10, as Java). */
  readonly virtualNodeCount?: number;
  /** MACHINE_ROOM: the rooms this consumer side serves (Java's consumeridcs). Required for it. */
  readonly consumerMachineRooms?: Iterable<string>;
  /** CONFIG: the queues this member consumes. Required for it. */
  readonly queues?: readonly MessageQueue[];
}

const NAMES: readonly AllocateStrategyName[] = ['AVG', 'AVG_BY_CIRCLE', 'CONSISTENT_HASH', 'MACHINE_ROOM', 'CONFIG'];

export function isAllocateStrategyName(name: string): name is AllocateStrategyName {
  return (NAMES as readonly string[]).includes(name);
}

/** The strategy Java names `name`; MACHINE_ROOM and CONFIG need their option, an unknown name throws. */
export function allocateStrategyByName(name: AllocateStrategyName | string, options: AllocateStrategyOptions = {}): AllocateStrategy {
  switch (name) {
    case 'AVG':
      return new AllocateAveragely();
    case 'AVG_BY_CIRCLE':
      return new AllocateAveragelyByCircle();
    case 'CONSISTENT_HASH':
      return new AllocateConsistentHash(options.virtualNodeCount);
    case 'MACHINE_ROOM':
      if (options.consumerMachineRooms === undefined) throw new MQClientError('allocate strategy MACHINE_ROOM needs consumerMachineRooms');
      return new AllocateByMachineRoom(options.consumerMachineRooms);
    case 'CONFIG':
      if (options.queues === undefined) throw new MQClientError('allocate strategy CONFIG needs queues');
      return new AllocateByConfig(options.queues);
    default:
      throw new MQClientError(`unknown allocate strategy ${name}; expected one of ${NAMES.join(', ')}`);
  }
}
