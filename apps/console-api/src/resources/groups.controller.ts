import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { errorMessage } from '@rocketmq-ts/base';
import type { ConsumerProgress } from '@rocketmq-ts/client';
import { dlqTopicOf } from '@rocketmq-ts/model';
import { createSubscriptionGroupConfig, type SubscriptionGroupConfig } from '@rocketmq-ts/protocol';
import { z } from 'zod';

import { AdminGateway, isSystemGroup } from '../admin/admin-gateway';
import { RequireRole } from '../auth/roles';
import { BodySchema, QuerySchema } from '../http/openapi';
import { ProblemError } from '../http/problem';
import { clusterName, groupName, messageId, type Page, pageOf, paging, parse, timestampMs, topicName } from '../http/validation';
import { type MessageSummary, summaryOf } from './message-view';

const MAX_DLQ_RESEND = 100;

const groupParam = z.object({ group: groupName });
const listQuery = z.object({ q: z.string().max(255).optional(), system: z.enum(['true', 'false']).default('false'), ...paging });
const settingsFields = {
  cluster: clusterName.optional(),
  consumeEnable: z.boolean().default(true),
  consumeBroadcastEnable: z.boolean().default(true),
  consumeFromMinEnable: z.boolean().default(true),
  consumeMessageOrderly: z.boolean().default(false),
  retryQueueNums: z.number().int().min(1).max(64).default(1),
  retryMaxTimes: z.number().int().min(0).max(64).default(16),
  brokerId: z.number().int().min(0).max(64).default(0),
  whichBrokerWhenConsumeSlowly: z.number().int().min(0).max(64).default(1),
};
const createBody = z.object({ group: groupName, ...settingsFields }).strict();
const updateBody = z.object(settingsFields).strict();
const deleteQuery = z.object({ cluster: clusterName.optional() });
const progressQuery = z.object({ topic: topicName.optional() });
const resetBody = z
  .object({ topic: topicName, timestamp: timestampMs.optional(), to: z.enum(['latest']).optional() })
  .strict()
  .refine((body) => (body.timestamp === undefined) !== (body.to === undefined), 'give either timestamp (ms) or to: "latest"');
const skipBody = z.object({ topic: topicName }).strict();
const dlqQuery = z.object(paging).extend({ limit: paging.limit.pipe(z.number().max(200, 'limit is at most 200')) });
const dlqResendBody = z
  .object({ msgIds: z.array(messageId).min(1).max(MAX_DLQ_RESEND, `at most ${MAX_DLQ_RESEND} messages a call`) })
  .strict();

export interface GroupRow {
  readonly group: string;
  readonly lag?: number;
  readonly consumeTps?: number;
  /** Why the figures are missing: no member online and no offset yet, or a broker that did not answer. */
  readonly note?: string;
}

@ApiTags('consumer-groups')
@Controller('api/v1/consumer-groups')
export class GroupsController {
  constructor(@Inject(AdminGateway) private readonly gateway: AdminGateway) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Consumer groups known to the masters, paged; lag and consume TPS for the groups of the page only' })
  @QuerySchema(listQuery)
  async list(@Query() query: unknown): Promise<Page<GroupRow>> {
    const { q, system, limit, offset } = parse(listQuery, query, 'query');
    const names = (await this.gateway.consumerGroupNames()).filter(
      (group) => (system === 'true' || !isSystemGroup(group)) && (q === undefined || group.toLowerCase().includes(q.toLowerCase())),
    );
    const page = pageOf(names, offset, limit);
    return { ...page, items: await Promise.all(page.items.map((group) => this.row(group))) };
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a subscription group on every master of a cluster' })
  @BodySchema(createBody)
  async create(@Body() body: unknown): Promise<{ group: string; brokers: string[] }> {
    const settings = parse(createBody, body, 'body');
    return { group: settings.group, brokers: await this.write(settings.group, settings) };
  }

  @Get(':group')
  @RequireRole('viewer')
  @ApiOperation({ summary: "The group's subscription settings as the first master holding it has them" })
  async config(@Param() params: unknown): Promise<{ group: string; config: SubscriptionGroupConfig; brokers: string[] }> {
    const { group } = parse(groupParam, params, 'path');
    const holders = await this.holders(group);
    const first = holders[0];
    if (first === undefined) throw new ProblemError(404, 'GROUP_NOT_FOUND', `no master knows consumer group ${group}`);
    return { group, config: first.config, brokers: holders.map((holder) => holder.addr) };
  }

  @Put(':group')
  @RequireRole('admin')
  @ApiOperation({ summary: "Update the group's subscription settings; 404 when no master knows it" })
  @BodySchema(updateBody)
  async update(@Param() params: unknown, @Body() body: unknown): Promise<{ group: string; brokers: string[] }> {
    const { group } = parse(groupParam, params, 'path');
    const settings = parse(updateBody, body, 'body');
    if ((await this.holders(group)).length === 0) throw new ProblemError(404, 'GROUP_NOT_FOUND', `no master knows consumer group ${group}`);
    return { group, brokers: await this.write(group, settings) };
  }

  @Delete(':group')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete the group, its offsets and its retry and DLQ topics' })
  @QuerySchema(deleteQuery)
  async remove(@Param() params: unknown, @Query() query: unknown): Promise<{ group: string; brokers: string[] }> {
    const { group } = parse(groupParam, params, 'path');
    const { cluster } = parse(deleteQuery, query, 'query');
    if ((await this.holders(group)).length === 0) throw new ProblemError(404, 'GROUP_NOT_FOUND', `no master knows consumer group ${group}`);
    return {
      group,
      brokers: await this.gateway.admin.deleteSubscriptionGroup(group, { clusterName: await this.gateway.clusterOrOnly(cluster) }, true),
    };
  }

  @Get(':group/progress')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Per queue: broker offset, consumer offset, lag (diff), in flight; total lag and consume TPS' })
  @QuerySchema(progressQuery)
  async progress(@Param() params: unknown, @Query() query: unknown): Promise<ConsumerProgress> {
    const { group } = parse(groupParam, params, 'path');
    const { topic } = parse(progressQuery, query, 'query');
    return this.gateway.admin.consumerProgress(group, topic);
  }

  @Get(':group/connections')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Online members: client id, address, language, version; subscriptions and consume type' })
  async connections(@Param() params: unknown): Promise<unknown> {
    const { group } = parse(groupParam, params, 'path');
    const connection = await this.gateway.admin.consumerConnection(group);
    return {
      consumeType: connection.consumeType,
      messageModel: connection.messageModel,
      consumeFromWhere: connection.consumeFromWhere,
      connections: connection.connectionSet,
      subscriptions: [...connection.subscriptionTable.values()].map((sub) => ({
        topic: sub.topic,
        expressionType: sub.expressionType,
        subString: sub.subString,
      })),
    };
  }

  @Post(':group/offset-resets')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: "Move the group's offsets on a topic to a store time, or to the end (latest)" })
  @BodySchema(resetBody)
  async resetOffset(@Param() params: unknown, @Body() body: unknown): Promise<{ queues: unknown[] }> {
    const { group } = parse(groupParam, params, 'path');
    const reset = parse(resetBody, body, 'body');
    await this.gateway.admin.topicRoute(reset.topic);
    const queues = await this.gateway.admin.resetOffsetByTime({
      group,
      topic: reset.topic,
      timestamp: reset.to === 'latest' ? -1 : (reset.timestamp as number),
      force: true,
    });
    return { queues };
  }

  @Post(':group/skip-accumulated')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: "Skip the backlog: the group's offsets on the topic move to each queue's end" })
  @BodySchema(skipBody)
  async skipAccumulated(@Param() params: unknown, @Body() body: unknown): Promise<{ queues: unknown[] }> {
    const { group } = parse(groupParam, params, 'path');
    const { topic } = parse(skipBody, body, 'body');
    await this.gateway.admin.topicRoute(topic);
    return { queues: await this.gateway.admin.resetOffsetByTime({ group, topic, timestamp: -1, force: true }) };
  }

  @Get(':group/dlq/messages')
  @RequireRole('viewer')
  @ApiOperation({ summary: "The group's dead letters (%DLQ%group), oldest first, paged; an empty page when it has none" })
  @QuerySchema(z.object(paging))
  async dlqMessages(@Param() params: unknown, @Query() query: unknown): Promise<Page<MessageSummary>> {
    const { group } = parse(groupParam, params, 'path');
    const { limit, offset } = parse(dlqQuery, query, 'query');
    const topic = dlqTopicOf(group);
    if (!(await this.gateway.admin.topicList()).includes(topic)) return pageOf([], offset, limit);
    const [messages, status] = await Promise.all([
      this.gateway.admin.consumeMessages({ topic, count: offset + limit }),
      this.gateway.admin.topicStatus(topic),
    ]);
    const items = messages.slice(offset, offset + limit).map(summaryOf);
    const total = status.queues.reduce((sum, queue) => sum + (queue.maxOffset - queue.minOffset), 0);
    const next = offset + items.length;
    return next < total && items.length > 0 ? { items, total, offset, limit, nextOffset: next } : { items, total, offset, limit };
  }

  @Post(':group/dlq/resends')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Resend dead letters to the group (through its retry topic); one outcome per message' })
  @BodySchema(dlqResendBody)
  async dlqResend(
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<{ results: Array<{ msgId: string; ok: boolean; resentMsgId?: string; error?: string }> }> {
    const { group } = parse(groupParam, params, 'path');
    const { msgIds } = parse(dlqResendBody, body, 'body');
    const topic = dlqTopicOf(group);
    await this.gateway.admin.topicRoute(topic);
    const results: Array<{ msgId: string; ok: boolean; resentMsgId?: string; error?: string }> = [];
    for (const msgId of msgIds) {
      try {
        const [message] = await this.gateway.admin.viewMessage(msgId, topic);
        if (message === undefined) throw new Error(`no message ${msgId} in ${topic}`);
        results.push({ msgId, ok: true, resentMsgId: (await this.gateway.admin.resendToGroup(message, group)).msgId });
      } catch (error) {
        results.push({ msgId, ok: false, error: errorMessage(error) });
      }
    }
    return { results };
  }

  private async holders(group: string): Promise<Array<{ addr: string; config: SubscriptionGroupConfig }>> {
    const masters = (await this.gateway.brokers()).filter((broker) => broker.brokerId === 0);
    const found = await Promise.all(
      masters.map(async (master) => ({ addr: master.addr, config: await this.gateway.admin.subscriptionGroup(master.addr, group) })),
    );
    return found.flatMap((one) => (one.config === undefined ? [] : [{ addr: one.addr, config: one.config }]));
  }

  private async row(group: string): Promise<GroupRow> {
    try {
      const progress = await this.gateway.admin.consumerProgress(group);
      return { group, lag: progress.diffTotal, consumeTps: progress.consumeTps };
    } catch (error) {
      return { group, note: errorMessage(error) };
    }
  }

  private async write(group: string, settings: z.infer<typeof updateBody>): Promise<string[]> {
    const { cluster, ...fields } = settings;
    return this.gateway.admin.updateSubscriptionGroup(createSubscriptionGroupConfig(group, fields), {
      clusterName: await this.gateway.clusterOrOnly(cluster),
    });
  }
}
