import { Controller, Get } from '@nestjs/common';

import { CollectionScheduler, type CollectionStatus } from '../collect/collection-scheduler';

export interface HealthReport extends CollectionStatus {
  /** UP while the process serves; a down cluster shows in the counts and in /metrics, not here. */
  readonly status: 'UP';
}

/** `GET /health`: compose health checks and the process specs poll it. */
@Controller('health')
export class HealthController {
  constructor(private readonly scheduler: CollectionScheduler) {}

  @Get()
  health(): HealthReport {
    return { status: 'UP', ...this.scheduler.collectionStatus };
  }
}
