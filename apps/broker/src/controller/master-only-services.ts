import type { OnModuleDestroy, Provider } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_LOGGER } from '../broker.tokens';
import { BrokerReplication } from '../ha/broker-replication';
import { PopLifecycle } from '../pop/pop-lifecycle';
import { ScheduleMessageService } from '../schedule/schedule-message-service';
import type { TimerMessageService } from '../timer/timer-message-service';
import { TIMER_MESSAGE_SERVICE } from '../timer/timer.providers';
import { TransactionLifecycle } from '../transaction/transaction-lifecycle';
import type { ReplicaRole } from './replicas-manager';

/** One piece of work only a master does: started on promotion, stopped on demotion. */
export interface MasterOnlyService {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/**
 * Master-only work of a controller-mode broker (docs/controller-mode-broker.md#master-only-services):
 * delay levels, transaction checks, timer delivery and POP revive write through the put pipeline, so
 * they run only while this broker is the master. A classic broker decides that once at boot; here the
 * ReplicasManager's role changes switch them.
 *
 * Invariants: switches run one at a time in the order the roles arrived (a start that waits for the
 * dispatcher is never overtaken by the stop after it); nothing starts once the module is destroyed.
 * A role change reaches us after the store's role moved, so on demotion a put in flight is already
 * refused by the store: stopping is about not retrying forever, not about safety.
 */
export class MasterOnlyServices implements OnModuleDestroy {
  private running = false;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: readonly MasterOnlyService[],
    private readonly logger: Logger,
  ) {}

  onRole(role: ReplicaRole): void {
    const master = role === 'MASTER';
    if (master === this.running || this.closed) return;
    this.running = master;
    this.chain = this.chain.then(() => this.switchAll(master));
  }

  /** Resolves when every switch asked for so far has run (specs, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  onModuleDestroy(): Promise<void> {
    this.closed = true;
    return this.chain;
  }

  private async switchAll(master: boolean): Promise<void> {
    for (const service of this.services) {
      if (master && this.closed) return;
      try {
        await (master ? service.start() : service.stop());
      } catch (error) {
        this.logger.error({ err: error, service: service.name, master }, 'master-only service switch failed');
      }
    }
    this.logger.info(
      { master, services: this.services.map((service) => service.name) },
      master ? 'master-only services started' : 'master-only services stopped',
    );
  }
}

export function masterOnlyServicesOf(parts: {
  readonly schedule: ScheduleMessageService;
  readonly transactions: TransactionLifecycle;
  readonly timer: TimerMessageService | null;
  readonly pop: PopLifecycle;
}): MasterOnlyService[] {
  const { schedule, transactions, timer, pop } = parts;
  const services: MasterOnlyService[] = [
    { name: 'schedule', start: () => schedule.start(), stop: () => schedule.shutdown() },
    { name: 'transaction-check', start: () => transactions.startChecks(), stop: () => transactions.stopChecks() },
    { name: 'pop-revive', start: () => pop.startRevive(), stop: () => pop.stopRevive() },
  ];
  if (timer !== null) services.push({ name: 'timer-delivery', start: () => timer.setDelivers(true), stop: () => timer.setDelivers(false) });
  return services;
}

interface MasterOnlyServicesDeps {
  readonly replication: BrokerReplication;
  readonly schedule: ScheduleMessageService;
  readonly transactions: TransactionLifecycle;
  readonly timer: TimerMessageService | null;
  readonly pop: PopLifecycle;
  readonly logger: Logger;
}

const masterOnlyServicesTokens = {
  replication: BrokerReplication,
  schedule: ScheduleMessageService,
  transactions: TransactionLifecycle,
  timer: TIMER_MESSAGE_SERVICE,
  pop: PopLifecycle,
  logger: BROKER_LOGGER,
};

/** Switches only in controller mode; classic brokers fix these services at boot (`startsMasterOnlyWork`). */
export const masterOnlyProviders: Provider[] = [
  {
    provide: MasterOnlyServices,
    ...injectNamed(masterOnlyServicesTokens, ({ replication, schedule, transactions, timer, pop, logger }: MasterOnlyServicesDeps) => {
      const services = new MasterOnlyServices(
        masterOnlyServicesOf({ schedule, transactions, timer, pop }),
        logger.child({ component: 'controller-mode' }),
      );
      replication.controller?.onRoleChange((role) => services.onRole(role));
      return services;
    }),
  },
];
