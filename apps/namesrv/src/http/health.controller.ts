import { Controller, Get, Inject } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { RemotingServerService } from '@rocketmq-ts/nest-remoting';

import { NAMESRV_CLOCK } from '../namesrv.tokens';
import { RouteInfoManager } from '../routeinfo/route-info-manager';

export interface HealthReport {
  readonly status: 'UP';
  readonly remotingPort: number;
  readonly brokers: number;
  readonly topics: number;
  readonly uptimeSeconds: number;
}

/** `GET /health`: 200 while the process serves; compose health checks and e2e readiness poll it. */
@Controller('health')
export class HealthController {
  private readonly startedAtMs: number;

  constructor(
    private readonly remoting: RemotingServerService,
    private readonly routes: RouteInfoManager,
    @Inject(NAMESRV_CLOCK) private readonly clock: Clock,
  ) {
    this.startedAtMs = clock.nowMs();
  }

  @Get()
  health(): HealthReport {
    return {
      status: 'UP',
      remotingPort: this.remoting.port,
      brokers: this.routes.liveBrokerCount,
      topics: this.routes.topicQueueTable.topicCount,
      uptimeSeconds: Math.floor((this.clock.nowMs() - this.startedAtMs) / 1000),
    };
  }
}
