import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClientConnection } from '@rocketmq-ts/protocol';
import { z } from 'zod';

import { AdminGateway } from '../admin/admin-gateway';
import { RequireRole } from '../auth/roles';
import { QuerySchema } from '../http/openapi';
import { groupName, parse, topicName } from '../http/validation';

const producerQuery = z.object({ group: groupName, topic: topicName });

@ApiTags('producers')
@Controller('api/v1/producers')
export class ProducersController {
  constructor(@Inject(AdminGateway) private readonly gateway: AdminGateway) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: "A producer group's connections to the brokers of a topic: client id, address, language, version" })
  @QuerySchema(producerQuery)
  async connections(@Query() query: unknown): Promise<{ group: string; topic: string; connections: readonly ClientConnection[] }> {
    const { group, topic } = parse(producerQuery, query, 'query');
    return { group, topic, connections: (await this.gateway.admin.producerConnection(group, topic)).connectionSet };
  }
}
