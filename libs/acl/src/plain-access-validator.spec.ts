import { createRequest, HeartbeatData, RequestCode, signRequest } from '@rocketmq-ts/protocol';
import { describe, expect, it } from 'vitest';

import { decide } from './plain-access-validator';
import { parsePlainAcl, type PlainAclConfig } from './plain-acl-config';

const YAML = `
globalWhiteRemoteAddresses: [ 10.9.9.* ]
accounts:
  - accessKey: publisher
    secretKey: pub-secret
    defaultTopicPerm: PUB
    defaultGroupPerm: DENY
    topicPerms: [ Secret=DENY ]
  - accessKey: consumer
    secretKey: sub-secret
    defaultTopicPerm: SUB
    defaultGroupPerm: SUB
    groupPerms: [ Blocked=DENY ]
  - accessKey: operator
    secretKey: admin-secret
    admin: true
    defaultTopicPerm: PUB|SUB
    defaultGroupPerm: PUB|SUB
  - accessKey: office1
    secretKey: office-secret
    whiteRemoteAddress: 192.168.5.*
`;

function config(): PlainAclConfig {
  const parsed = parsePlainAcl(YAML);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.config;
}

function signed(code: number, fields: Record<string, string>, accessKey: string, secretKey: string, body?: Buffer) {
  const request = createRequest(code, { extFields: { ...fields }, body });
  signRequest(request, { accessKey, secretKey });
  return request;
}

const IP = '127.0.0.1';

describe('decide (ACL 1.0)', () => {
  it('lets a correctly signed publisher send and refuses the same request signed with a wrong secret', () => {
    expect(decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { a: 'G', b: 'Orders' }, 'publisher', 'pub-secret'), IP).allowed).toBe(
      true,
    );
    const wrong = decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { a: 'G', b: 'Orders' }, 'publisher', 'not-the-secret'), IP);
    expect(wrong).toEqual({ allowed: false, accessKey: 'publisher', reason: 'Check signature failed for accessKey=publisher' });
  });

  it('refuses a request altered after signing (header or body)', () => {
    const header = signed(RequestCode.SEND_MESSAGE_V2, { a: 'G', b: 'Orders' }, 'publisher', 'pub-secret', Buffer.from('x'));
    (header.extFields as Record<string, string>)['b'] = 'Other';
    expect(decide(config(), header, IP).allowed).toBe(false);
    const body = signed(RequestCode.SEND_MESSAGE_V2, { a: 'G', b: 'Orders' }, 'publisher', 'pub-secret', Buffer.from('x'));
    body.body = Buffer.from('y');
    expect(decide(config(), body, IP).allowed).toBe(false);
  });

  it('refuses unsigned and unknown-key requests with RocketMQ reasons', () => {
    expect(decide(config(), createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields: { topic: 'T' } }), IP)).toMatchObject({
      allowed: false,
      reason: 'No accessKey is configured',
    });
    expect(decide(config(), createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), IP)).toMatchObject({
      allowed: false,
      reason: 'No accessKey is configured',
    });
    expect(decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { b: 'T' }, 'stranger', 'whatever1'), IP)).toMatchObject({
      allowed: false,
      reason: 'No acl config for stranger',
    });
  });

  it('a PUB-only account cannot pull nor heartbeat as a consumer', () => {
    const pull = decide(config(), signed(RequestCode.PULL_MESSAGE, { topic: 'Orders', consumerGroup: 'G' }, 'publisher', 'pub-secret'), IP);
    expect(pull).toMatchObject({ allowed: false, reason: 'No SUB default permission for topic Orders (accessKey=publisher has PUB)' });
    const body = HeartbeatData.encode({
      clientID: 'c',
      producerDataSet: [],
      consumerDataSet: [
        {
          groupName: 'G',
          consumeType: 'CONSUME_PASSIVELY',
          messageModel: 'CLUSTERING',
          consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
          unitMode: false,
          subscriptionDataSet: [],
        },
      ],
      heartbeatFingerprint: 0,
      withoutSub: false,
    } as unknown as HeartbeatData);
    expect(decide(config(), signed(RequestCode.HEART_BEAT, {}, 'publisher', 'pub-secret', body), IP)).toMatchObject({
      allowed: false,
      reason: 'No SUB default permission for group G (accessKey=publisher has DENY)',
    });
  });

  it('explicit permissions beat defaults, and DENY wins', () => {
    expect(decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { b: 'Secret' }, 'publisher', 'pub-secret'), IP)).toMatchObject({
      allowed: false,
      reason: 'No PUB permission for topic Secret (accessKey=publisher has DENY)',
    });
    expect(
      decide(config(), signed(RequestCode.PULL_MESSAGE, { topic: 'Orders', consumerGroup: 'Blocked' }, 'consumer', 'sub-secret'), IP)
        .allowed,
    ).toBe(false);
    expect(
      decide(config(), signed(RequestCode.PULL_MESSAGE, { topic: 'Orders', consumerGroup: 'Fine' }, 'consumer', 'sub-secret'), IP).allowed,
    ).toBe(true);
  });

  it('a send to %RETRY%group needs SUB on the group, not PUB on a topic', () => {
    expect(decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { b: '%RETRY%Fine' }, 'consumer', 'sub-secret'), IP).allowed).toBe(true);
    expect(decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { b: '%RETRY%Blocked' }, 'consumer', 'sub-secret'), IP).allowed).toBe(
      false,
    );
  });

  it('admin codes need an admin account', () => {
    expect(decide(config(), signed(RequestCode.UPDATE_AND_CREATE_TOPIC, { topic: 'T' }, 'consumer', 'sub-secret'), IP)).toMatchObject({
      allowed: false,
      reason: 'Need admin permission for request code=17, but accessKey=consumer is not',
    });
    expect(decide(config(), signed(RequestCode.UPDATE_AND_CREATE_TOPIC, { topic: 'T' }, 'operator', 'admin-secret'), IP).allowed).toBe(
      true,
    );
    expect(
      decide(config(), signed(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { topic: 'T', group: 'G' }, 'consumer', 'sub-secret'), IP).allowed,
    ).toBe(false);
  });

  it('any signed account may publish traces', () => {
    expect(decide(config(), signed(RequestCode.SEND_MESSAGE_V2, { b: 'RMQ_SYS_TRACE_TOPIC' }, 'consumer', 'sub-secret'), IP).allowed).toBe(
      true,
    );
  });

  it('whitelists: global needs no key, an account whitelist needs no signature', () => {
    expect(decide(config(), createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC), '10.9.9.3').allowed).toBe(true);
    const unsigned = createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: { AccessKey: 'office1', b: 'T' } });
    expect(decide(config(), unsigned, '192.168.5.20').allowed).toBe(true);
    expect(decide(config(), unsigned, '192.168.6.20').allowed).toBe(false);
  });

  it('a heartbeat body it cannot read is refused, not let through', () => {
    expect(decide(config(), signed(RequestCode.HEART_BEAT, {}, 'consumer', 'sub-secret', Buffer.from('{not json')), IP)).toMatchObject({
      allowed: false,
    });
  });
});
