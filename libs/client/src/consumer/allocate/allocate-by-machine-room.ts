import type { MessageQueue } from '@rocketmq-ts/model';

import type { AllocateStrategy } from './allocate-strategy';
import { takesPart } from './check-inputs';

/** The machine room of a broker named `room@name`, as Java splits it; undefined for any other name. */
export function machineRoomOfBroker(brokerName: string): string | undefined {
  const parts = brokerName.split('@');
  return parts.length === 2 ? parts[0] : undefined;
}

/**
 * MACHINE_ROOM: only queues on brokers named `room@name` whose room is one this consumer side
 * serves are shared out, `floor(n / members)` each plus one of the leftovers for the first members
 * (Java's AllocateMessageQueueByMachineRoom, leftovers taken from the tail of the list).
 */
export class AllocateByMachineRoom implements AllocateStrategy {
  readonly name = 'MACHINE_ROOM';
  private readonly consumerMachineRooms: ReadonlySet<string>;

  constructor(consumerMachineRooms: Iterable<string>) {
    this.consumerMachineRooms = new Set(consumerMachineRooms);
  }

  allocate(
    _consumerGroup: string,
    currentClientId: string,
    allQueues: readonly MessageQueue[],
    allClientIds: readonly string[],
  ): MessageQueue[] {
    if (!takesPart(currentClientId, allQueues, allClientIds)) return [];
    const index = allClientIds.indexOf(currentClientId);
    const inRooms = allQueues.filter((queue) => {
      const room = machineRoomOfBroker(queue.brokerName);
      return room !== undefined && this.consumerMachineRooms.has(room);
    });
    const memberCount = allClientIds.length;
    const each = Math.floor(inRooms.length / memberCount);
    const owned = inRooms.slice(each * index, each * index + each);
    if (inRooms.length % memberCount > index) owned.push(inRooms[index + each * memberCount] as MessageQueue);
    return owned;
  }
}
