import type { BrokerConfig } from '../config/broker-config.schema';
import { MASTER_BROKER_ID } from '../config/replication-role';
import type { BrokerReplication } from './broker-replication';

/** The group settings that steer reads between replicas (SubscriptionGroupConfig). */
export interface ReadSteering {
  /** Where a group reads when it keeps up (default 0, the master). */
  readonly brokerId?: number;
  /** Where it reads when its reads are cold (default 1, the first slave). */
  readonly whichBrokerWhenConsumeSlowly?: number;
}

const DEFAULT_SLOW_CONSUMER_BROKER_ID = 1;

/**
 * Which replica a consumer should pull from next (`suggestWhichBrokerId`, docs/store-and-ha.md#replication):
 *
 * | this broker | condition                                   | suggestion                      |
 * |-------------|---------------------------------------------|---------------------------------|
 * | any         | slaveReadEnable=false                       | 0                               |
 * | any         | the read was cold (memory-ratio rule)       | whichBrokerWhenConsumeSlowly (1) |
 * | master      | hot                                         | the group's brokerId (0)        |
 * | slave       | hot, its master replicating to it           | 0: go back to the master        |
 * | slave       | hot, master down                            | this slave: stay                |
 *
 * A slave with slaveReadEnable=false refuses pulls outright, as Java 5 does.
 *
 * Unlike Java, a slave does not turn an empty answer into PULL_RETRY_IMMEDIATELY when it sends a
 * consumer back to the master: the pull is held as usual (a replicated arrival wakes it), so a
 * consumer whose route still lacks the returned master does not spin against the slave.
 */
export class ReplicaReadPolicy {
  constructor(
    private readonly config: Pick<BrokerConfig, 'slaveReadEnable' | 'brokerId' | 'brokerRole'>,
    private readonly replication: Pick<BrokerReplication, 'masterOnline' | 'isSlave'>,
  ) {}

  /** Slave with slaveReadEnable=false: pulls are answered SYSTEM_BUSY. */
  refusesPulls(): boolean {
    return this.replication.isSlave && !this.config.slaveReadEnable;
  }

  suggestBrokerId(readWasCold: boolean, group: ReadSteering | undefined): number {
    if (!this.config.slaveReadEnable) return MASTER_BROKER_ID;
    if (readWasCold) return group?.whichBrokerWhenConsumeSlowly ?? DEFAULT_SLOW_CONSUMER_BROKER_ID;
    if (!this.replication.isSlave) return group?.brokerId ?? MASTER_BROKER_ID;
    return this.replication.masterOnline() ? MASTER_BROKER_ID : this.config.brokerId;
  }
}
