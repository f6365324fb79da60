import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessageExt } from '@rocketmq-ts/client';
import { z } from 'zod';

import { AdminGateway } from '../admin/admin-gateway';
import { RequireRole } from '../auth/roles';
import { BodySchema, QuerySchema } from '../http/openapi';
import { ProblemError } from '../http/problem';
import { brokerName, groupName, messageId, parse, queueId, timestampMs, topicName } from '../http/validation';
import { detailOf, type MessageDetail, type MessageSummary, summaryOf } from './message-view';

const MAX_SEARCH = 200;
/** Test sends are for people typing in a form; 1 MiB is far above that and well under the broker's 4 MiB. */
const MAX_TEST_BODY = 1024 * 1024;

const topicParam = z.object({ topic: topicName });
const idParam = z.object({ msgId: messageId });
const searchQuery = z
  .object({
    key: z.string().min(1).max(128).optional(),
    begin: timestampMs.optional(),
    end: timestampMs.optional(),
    brokerName: brokerName.optional(),
    queueId: queueId.optional(),
    offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_SEARCH, `limit is at most ${MAX_SEARCH}`).default(32),
  })
  .refine(
    (query) => query.offset === undefined || (query.brokerName !== undefined && query.queueId !== undefined),
    'offset needs brokerName and queueId',
  )
  .refine((query) => query.begin === undefined || query.end === undefined || query.begin <= query.end, 'begin is after end');
const sendBody = z
  .object({
    body: z.string().min(1, 'the body is empty').max(MAX_TEST_BODY, 'the body is larger than 1 MiB'),
    tags: z
      .string()
      .regex(/^[^|\s]{1,128}$/, 'a tag is 1-128 characters without | or spaces')
      .optional(),
    keys: z
      .array(z.string().regex(/^\S{1,128}$/, 'a key is 1-128 characters without spaces'))
      .max(32)
      .optional(),
    properties: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a property name is a word'), z.string().max(1024)).optional(),
  })
  .strict();
const byIdQuery = z.object({ topic: topicName.optional() });
const resendBody = z.object({ topic: topicName, group: groupName }).strict();

@ApiTags('messages')
@Controller('api/v1')
export class MessagesController {
  constructor(@Inject(AdminGateway) private readonly gateway: AdminGateway) {}

  @Post('topics/:topic/messages')
  @RequireRole('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Send a test message (text body, tag, keys, properties)' })
  @BodySchema(sendBody)
  async send(
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<{ msgId: string; offsetMsgId: string; sendStatus: string; brokerName: string; queueId: number; queueOffset: number }> {
    const { topic } = parse(topicParam, params, 'path');
    const message = parse(sendBody, body, 'body');
    await this.gateway.admin.topicRoute(topic);
    const result = await this.gateway.admin.sendMessage({
      topic,
      body: message.body,
      tags: message.tags,
      keys: message.keys?.join(' '),
      properties: message.properties,
    });
    return {
      msgId: result.msgId,
      offsetMsgId: result.offsetMsgId,
      sendStatus: result.sendStatus,
      brokerName: result.messageQueue.brokerName,
      queueId: result.messageQueue.queueId,
      queueOffset: result.queueOffset,
    };
  }

  @Get('topics/:topic/messages')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Find messages of a topic: by key, by store-time range, or by queue and offset (at most 200)' })
  @QuerySchema(
    z.object({
      key: z.string().optional(),
      begin: z.number().optional(),
      end: z.number().optional(),
      brokerName: z.string().optional(),
      queueId: z.number().optional(),
      offset: z.number().optional(),
      limit: z.number().optional(),
    }),
  )
  async search(@Param() params: unknown, @Query() query: unknown): Promise<{ items: MessageSummary[]; truncated: boolean }> {
    const { topic } = parse(topicParam, params, 'path');
    const search = parse(searchQuery, query, 'query');
    let found: MessageExt[];
    if (search.key !== undefined) {
      found = await this.gateway.admin.queryMessageByKey({
        topic,
        key: search.key,
        maxNum: search.limit,
        beginTimestamp: search.begin,
        endTimestamp: search.end,
      });
    } else if (search.offset !== undefined && search.brokerName !== undefined && search.queueId !== undefined) {
      found = [
        await this.gateway.admin.queryMessageByOffset({ topic, brokerName: search.brokerName, queueId: search.queueId }, search.offset),
      ];
    } else {
      // One more than asked, to tell the user the list was cut.
      found = await this.gateway.admin.consumeMessages({
        topic,
        brokerName: search.brokerName,
        queueId: search.queueId,
        beginTimestamp: search.begin,
        endTimestamp: search.end,
        count: search.limit + 1,
      });
    }
    return { items: found.slice(0, search.limit).map(summaryOf), truncated: found.length > search.limit };
  }

  @Get('messages/:msgId')
  @RequireRole('viewer')
  @ApiOperation({
    summary:
      'One message by offsetMsgId, or by the producer message id (UNIQ_KEY) with its topic: properties and body preview (text, JSON, hex)',
  })
  @QuerySchema(byIdQuery)
  async detail(@Param() params: unknown, @Query() query: unknown): Promise<MessageDetail> {
    const { msgId } = parse(idParam, params, 'path');
    const { topic } = parse(byIdQuery, query, 'query');
    const [message] = await this.gateway.admin.viewMessage(msgId, topic);
    if (message === undefined) throw new ProblemError(404, 'MESSAGE_NOT_FOUND', `no message ${msgId}`);
    return detailOf(message);
  }

  @Post('messages/:msgId/resend')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: "Deliver a stored message again to one consumer group only (through the group's retry topic)" })
  @BodySchema(resendBody)
  async resend(@Param() params: unknown, @Body() body: unknown): Promise<{ msgId: string; group: string; resentMsgId: string }> {
    const { msgId } = parse(idParam, params, 'path');
    const { topic, group } = parse(resendBody, body, 'body');
    const [message] = await this.gateway.admin.viewMessage(msgId, topic);
    if (message === undefined) throw new ProblemError(404, 'MESSAGE_NOT_FOUND', `no message ${msgId}`);
    const result = await this.gateway.admin.resendToGroup(message, group);
    return { msgId, group, resentMsgId: result.msgId };
  }
}
