import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from '@rocketmq-ts/base';

import { AdminGateway } from './admin/admin-gateway';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { SessionController } from './auth/session.controller';
import type { ConsoleConfig } from './config/console-config.schema';
import { ProblemFilter } from './http/problem.filter';
import { ChartSampler } from './metrics/chart-sampler';
import { MetricsController } from './metrics/metrics.controller';
import { ClustersController } from './resources/clusters.controller';
import { GroupsController } from './resources/groups.controller';
import { MessagesController } from './resources/messages.controller';
import { NamesrvController } from './resources/namesrv.controller';
import { ProducersController } from './resources/producers.controller';
import { TopicsController } from './resources/topics.controller';

/** Every controller; the route-roles spec walks this list. */
export const CONSOLE_CONTROLLERS = [
  SessionController,
  ClustersController,
  TopicsController,
  MessagesController,
  GroupsController,
  ProducersController,
  NamesrvController,
  MetricsController,
];

export interface ConsoleRuntime {
  readonly config: ConsoleConfig;
  readonly logger: Logger;
  readonly auth: AuthService;
  readonly gateway: AdminGateway;
  readonly sampler: ChartSampler;
}

/** Wires the pieces built in bootstrap.ts (config, logger, auth, the admin gateway) into Nest. */
@Module({})
export class ConsoleModule {
  static forRoot(runtime: ConsoleRuntime): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: CONSOLE_CONTROLLERS,
      providers: [
        { provide: AuthService, useValue: runtime.auth },
        { provide: AdminGateway, useValue: runtime.gateway },
        { provide: ChartSampler, useValue: runtime.sampler },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useValue: new ProblemFilter(runtime.logger) },
      ],
    };
  }
}
