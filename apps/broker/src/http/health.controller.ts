import { Controller, Get, Inject } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { RemotingServerService } from '@rocketmq-ts/nest-remoting';

import type { BrokerIdentity } from '../config/broker-identity';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { BROKER_CLOCK, BROKER_IDENTITY } from '../broker.tokens';

export interface HealthReport {
  readonly status: 'UP';
  readonly brokerName: string;
  readonly brokerId: number;
  readonly brokerAddr: string;
  readonly remotingPort: number;
  readonly topics: number;
  readonly uptimeSeconds: number;
}

/** `GET /health`: 200 while the process serves; compose health checks and e2e readiness poll it. */
@Controller('health')
export class HealthController {
  private readonly startedAtMs: number;

  constructor(
    private readonly remoting: RemotingServerService,
    private readonly topics: TopicConfigManager,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
    @Inject(BROKER_CLOCK) private readonly clock: Clock,
  ) {
    this.startedAtMs = clock.nowMs();
  }

  @Get()
  health(): HealthReport {
    return {
      status: 'UP',
      brokerName: this.identity.brokerName,
      brokerId: this.identity.brokerId,
      brokerAddr: this.identity.brokerAddr,
      remotingPort: this.remoting.port,
      topics: this.topics.topicConfigTable.size,
      uptimeSeconds: Math.floor((this.clock.nowMs() - this.startedAtMs) / 1000),
    };
  }
}
