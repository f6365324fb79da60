import { Controller, Get, Inject } from '@nestjs/common';

import { RemotingServerService } from '@rocketmq-ts/nest-remoting';

import type { ControllerTopology } from '../config/controller-topology';
import { CONTROLLER_TOPOLOGY } from '../controller.tokens';
import { ControllerEngine } from '../engine/controller-engine';
import { BrokerHeartbeatManager } from '../heartbeat/broker-heartbeat-manager';
import { ReplicasInfoManager } from '../replicas/replicas-info-manager';

export interface ControllerHealthReport {
  readonly status: 'UP';
  readonly selfId: string;
  readonly remotingPort: number;
  readonly isLeader: boolean;
  readonly activeBrokers: number;
  readonly brokerSets: number;
}

/** `GET /health`: 200 while the process serves; says whether this node is the serving leader. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly remoting: RemotingServerService,
    private readonly engine: ControllerEngine,
    private readonly heartbeats: BrokerHeartbeatManager,
    private readonly manager: ReplicasInfoManager,
    @Inject(CONTROLLER_TOPOLOGY) private readonly topology: ControllerTopology,
  ) {}

  @Get()
  health(): ControllerHealthReport {
    return {
      status: 'UP',
      selfId: this.topology.selfId,
      remotingPort: this.remoting.port,
      isLeader: this.engine.isLeader(),
      activeBrokers: this.heartbeats.activeCount,
      brokerSets: this.manager.brokerNames().length,
    };
  }
}
