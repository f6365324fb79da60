import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Public, RequireRole } from '../auth/roles';
import { ChartSampler, type ChartSeries } from './chart-sampler';

@ApiTags('metrics')
@Controller('api/v1')
export class MetricsController {
  constructor(@Inject(ChartSampler) private readonly sampler: ChartSampler) {}

  @Get('metrics/series')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Chart series: put/get TPS per broker and total lag per group, one sample per interval' })
  series(): ChartSeries {
    return this.sampler.series();
  }

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers (no cluster call, no details)' })
  health(): { status: 'UP' } {
    return { status: 'UP' };
  }
}
