import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClusterBrokerStatus } from '@rocketmq-ts/client';
import { z } from 'zod';

import { AdminGateway } from '../admin/admin-gateway';
import { RequireRole } from '../auth/roles';
import { BodySchema } from '../http/openapi';
import { brokerAddr, parse } from '../http/validation';

const addrParam = z.object({ addr: brokerAddr });
/** Keys are Java field names; at most 64 per call, values as the broker's properties text holds them. */
const configBody = z.object({
  entries: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,127}$/, 'a config key is a Java field name'),
      z
        .string()
        .max(4096)
        .refine((value) => !/[\r\n]/.test(value), 'a value is one line'),
    )
    .refine((entries) => Object.keys(entries).length > 0 && Object.keys(entries).length <= 64, 'give 1 to 64 entries'),
});

export interface ClusterView {
  readonly name: string;
  readonly brokers: readonly ClusterBrokerStatus[];
}

@ApiTags('clusters')
@Controller('api/v1')
export class ClustersController {
  constructor(@Inject(AdminGateway) private readonly gateway: AdminGateway) {}

  @Get('clusters')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Clusters and their brokers (masters and slaves) with version, TPS and status' })
  async clusters(): Promise<{ clusters: ClusterView[] }> {
    const rows = await this.gateway.admin.clusterList();
    const byCluster = new Map<string, ClusterBrokerStatus[]>();
    for (const row of rows) byCluster.set(row.cluster, [...(byCluster.get(row.cluster) ?? []), row]);
    return { clusters: [...byCluster].map(([name, brokers]) => ({ name, brokers })) };
  }

  @Get('brokers/:addr/runtime')
  @RequireRole('viewer')
  @ApiOperation({ summary: "A broker's runtime info (GET_BROKER_RUNTIME_INFO): every figure it reports" })
  async runtime(@Param() params: unknown): Promise<{ broker: unknown; entries: Record<string, string> }> {
    const { addr } = parse(addrParam, params, 'path');
    const broker = await this.gateway.knownBroker(addr);
    return { broker, entries: sortedRecord(await this.gateway.admin.brokerRuntimeInfo(addr)) };
  }

  @Get('brokers/:addr/config')
  @RequireRole('viewer')
  @ApiOperation({ summary: "A broker's effective configuration (GET_BROKER_CONFIG)" })
  async config(@Param() params: unknown): Promise<{ broker: unknown; entries: Record<string, string> }> {
    const { addr } = parse(addrParam, params, 'path');
    const broker = await this.gateway.knownBroker(addr);
    return { broker, entries: sortedRecord(await this.gateway.admin.brokerConfig(addr)) };
  }

  @Put('brokers/:addr/config')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change broker config keys (UPDATE_BROKER_CONFIG): applied at run time where the broker can, and persisted' })
  @BodySchema(configBody)
  async updateConfig(@Param() params: unknown, @Body() body: unknown): Promise<{ broker: unknown; entries: Record<string, string> }> {
    const { addr } = parse(addrParam, params, 'path');
    const { entries } = parse(configBody, body, 'body');
    const broker = await this.gateway.knownBroker(addr);
    await this.gateway.admin.updateBrokerConfig(addr, new Map(Object.entries(entries)));
    return { broker, entries: sortedRecord(await this.gateway.admin.brokerConfig(addr)) };
  }
}

function sortedRecord(map: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
