import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { errorMessage } from '@rocketmq-ts/base';
import type { TopicStatus } from '@rocketmq-ts/client';
import { isDlqTopic, isRetryTopic, isSystemTopic } from '@rocketmq-ts/model';
import type { TopicRouteData } from '@rocketmq-ts/protocol';
import { z } from 'zod';

import { AdminGateway } from '../admin/admin-gateway';
import { RequireRole } from '../auth/roles';
import { BodySchema, QuerySchema } from '../http/openapi';
import { brokerAddr, clusterName, type Page, pageOf, paging, parse, topicName } from '../http/validation';

export type TopicKind = 'normal' | 'retry' | 'dlq' | 'system';

const topicParam = z.object({ topic: topicName });
const listQuery = z.object({
  q: z.string().max(255).optional(),
  kind: z.enum(['all', 'normal', 'retry', 'dlq', 'system']).default('all'),
  ...paging,
});
const settingsFields = {
  cluster: clusterName.optional(),
  brokerAddr: brokerAddr.optional(),
  readQueueNums: z.number().int().min(1).max(1024).default(8),
  writeQueueNums: z.number().int().min(1).max(1024).default(8),
  perm: z.union([z.literal(2), z.literal(4), z.literal(6)]).default(6),
  order: z.boolean().default(false),
};
const createBody = z.object({ topic: topicName, ...settingsFields }).strict();
const updateBody = z.object(settingsFields).strict();
const deleteQuery = z.object({ cluster: clusterName.optional() });

export function topicKind(topic: string): TopicKind {
  if (isRetryTopic(topic)) return 'retry';
  if (isDlqTopic(topic)) return 'dlq';
  if (isSystemTopic(topic)) return 'system';
  return 'normal';
}

@ApiTags('topics')
@Controller('api/v1/topics')
export class TopicsController {
  constructor(@Inject(AdminGateway) private readonly gateway: AdminGateway) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Topics, filtered by name substring and kind, paged' })
  @QuerySchema(listQuery)
  async list(@Query() query: unknown): Promise<Page<{ name: string; kind: TopicKind }>> {
    const { q, kind, limit, offset } = parse(listQuery, query, 'query');
    const all = (await this.gateway.admin.topicList())
      .map((name) => ({ name, kind: topicKind(name) }))
      .filter(
        (topic) => (kind === 'all' || topic.kind === kind) && (q === undefined || topic.name.toLowerCase().includes(q.toLowerCase())),
      );
    return pageOf(all, offset, limit);
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a topic on every master of a cluster (or one broker)' })
  @BodySchema(createBody)
  async create(@Body() body: unknown): Promise<{ topic: string; brokers: string[] }> {
    const settings = parse(createBody, body, 'body');
    return { topic: settings.topic, brokers: await this.write(settings.topic, settings) };
  }

  @Put(':topic')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Update a topic (queue counts, perm, order); 404 when it does not exist' })
  @BodySchema(updateBody)
  async update(@Param() params: unknown, @Body() body: unknown): Promise<{ topic: string; brokers: string[] }> {
    const { topic } = parse(topicParam, params, 'path');
    const settings = parse(updateBody, body, 'body');
    await this.gateway.admin.topicRoute(topic);
    return { topic, brokers: await this.write(topic, settings) };
  }

  @Delete(':topic')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete a topic from every master of the cluster and from the name servers' })
  @QuerySchema(deleteQuery)
  async remove(@Param() params: unknown, @Query() query: unknown): Promise<{ topic: string; brokers: string[] }> {
    const { topic } = parse(topicParam, params, 'path');
    const { cluster } = parse(deleteQuery, query, 'query');
    await this.gateway.admin.topicRoute(topic);
    return { topic, brokers: await this.gateway.admin.deleteTopic(topic, await this.gateway.clusterOrOnly(cluster)) };
  }

  @Get(':topic/route')
  @RequireRole('viewer')
  @ApiOperation({ summary: "The topic's route: brokers and queue counts" })
  async route(@Param() params: unknown): Promise<{ brokerDatas: unknown[]; queueDatas: unknown[] }> {
    const { topic } = parse(topicParam, params, 'path');
    const route: TopicRouteData = await this.gateway.admin.topicRoute(topic);
    return {
      brokerDatas: route.brokerDatas.map((data) => ({
        cluster: data.cluster,
        brokerName: data.brokerName,
        brokerAddrs: Object.fromEntries(data.brokerAddrs),
      })),
      queueDatas: route.queueDatas.map((data) => ({ ...data })),
    };
  }

  @Get(':topic/status')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Per queue: min and max offset, last store time; the topic put TPS' })
  async status(@Param() params: unknown): Promise<TopicStatus> {
    const { topic } = parse(topicParam, params, 'path');
    return this.gateway.admin.topicStatus(topic);
  }

  @Get(':topic/consumer-groups')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'The groups consuming the topic, each with its lag on it' })
  async consumers(
    @Param() params: unknown,
  ): Promise<{ items: Array<{ group: string; lag?: number; consumeTps?: number; error?: string }> }> {
    const { topic } = parse(topicParam, params, 'path');
    const groups = await this.gateway.admin.topicConsumerGroups(topic);
    const items = await Promise.all(
      groups.map(async (group) => {
        try {
          const progress = await this.gateway.admin.consumerProgress(group, topic);
          return { group, lag: progress.diffTotal, consumeTps: progress.consumeTps };
        } catch (error) {
          return { group, error: errorMessage(error) };
        }
      }),
    );
    return { items };
  }

  private async write(topic: string, settings: z.infer<typeof updateBody>): Promise<string[]> {
    const target =
      settings.brokerAddr !== undefined
        ? { brokerAddr: (await this.gateway.knownBroker(settings.brokerAddr)).addr }
        : { clusterName: await this.gateway.clusterOrOnly(settings.cluster) };
    return this.gateway.admin.createOrUpdateTopic(
      { topic, readQueueNums: settings.readQueueNums, writeQueueNums: settings.writeQueueNums, perm: settings.perm, order: settings.order },
      target,
    );
  }
}
