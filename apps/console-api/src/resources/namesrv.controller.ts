import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { AdminGateway } from '../admin/admin-gateway';
import { RequireRole } from '../auth/roles';
import { BodySchema } from '../http/openapi';
import { parse } from '../http/validation';

const word = z.string().regex(/^[A-Za-z0-9_.%|-]{1,255}$/, '1-255 letters, digits, _ . - % |');
const namespaceParam = z.object({ namespace: word });
const keyParam = z.object({ namespace: word, key: word });
const valueBody = z.object({ value: z.string().max(64 * 1024) }).strict();

@ApiTags('namesrv')
@Controller('api/v1/namesrv/kv')
export class NamesrvController {
  constructor(@Inject(AdminGateway) private readonly gateway: AdminGateway) {}

  @Get(':namespace')
  @RequireRole('viewer')
  @ApiOperation({ summary: "The name server's KV config of a namespace (e.g. ORDER_TOPIC_CONFIG)" })
  async list(@Param() params: unknown): Promise<{ namespace: string; entries: Record<string, string> }> {
    const { namespace } = parse(namespaceParam, params, 'path');
    return {
      namespace,
      entries: Object.fromEntries([...(await this.gateway.admin.kvList(namespace))].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }

  @Put(':namespace/:key')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Set one KV config entry on every name server' })
  @BodySchema(valueBody)
  async put(@Param() params: unknown, @Body() body: unknown): Promise<{ namespace: string; key: string; value: string }> {
    const { namespace, key } = parse(keyParam, params, 'path');
    const { value } = parse(valueBody, body, 'body');
    await this.gateway.admin.putKvConfig(namespace, key, value);
    return { namespace, key, value };
  }

  @Delete(':namespace/:key')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one KV config entry on every name server' })
  async remove(@Param() params: unknown): Promise<void> {
    const { namespace, key } = parse(keyParam, params, 'path');
    await this.gateway.admin.deleteKvConfig(namespace, key);
  }
}
