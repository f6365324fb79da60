import { describe, expect, it } from 'vitest';

import { MQVersion, mqVersionName, usesStandardRouteJson } from './mq-version';
import { isKnownRequestCode, RequestCode, requestCodeName } from './request-code';
import { ResponseCode } from './response-code';
import { describeResponseCode, isRetriableResponseCode, isSendSuccess, responseCodeInfo, responseCodeName } from './response-code-table';

describe('Protocol > codes', () => {
  it('carries the request codes of the docs/remoting-protocol.md#requests-the-broker-serves', () => {
    expect(RequestCode.GET_ROUTEINFO_BY_TOPIC).toBe(105);
    expect(RequestCode.SEND_MESSAGE_V2).toBe(310);
    expect(RequestCode.PULL_MESSAGE).toBe(11);
    expect(RequestCode.BROKER_HEARTBEAT).toBe(904);
    expect(RequestCode.BATCH_ACK_MESSAGE).toBe(200151);
  });

  it('names request codes for logs, unknown ones included', () => {
    expect(requestCodeName(103)).toBe('REGISTER_BROKER');
    expect(requestCodeName(4242)).toBe('UNKNOWN_4242');
    expect(isKnownRequestCode(322)).toBe(true);
    expect(isKnownRequestCode(4242)).toBe(false);
  });

  it('names response codes and knows which sends succeeded', () => {
    expect(ResponseCode.TOPIC_NOT_EXIST).toBe(17);
    expect(responseCodeName(19)).toBe('PULL_NOT_FOUND');
    expect(responseCodeName(-1006)).toBe('RPC_TIME_OUT');
    expect(responseCodeName(99)).toBe('UNKNOWN_99');
    expect([0, 10, 11, 12, 13, 1].map(isSendSuccess)).toEqual([true, true, true, true, false, false]);
  });

  it('has one row per response code: name, retriable, stored and a description', () => {
    for (const [name, code] of Object.entries(ResponseCode)) {
      const info = responseCodeInfo(code);
      expect(info?.name).toBe(name);
      expect(info?.description.length, name).toBeGreaterThan(3);
    }
    expect(responseCodeInfo(99)).toBeUndefined();
    expect(describeResponseCode(17)).toBe('TOPIC_NOT_EXIST (17)');
    expect(describeResponseCode(4242)).toBe('UNKNOWN_4242 (4242)');
  });

  it("marks as retriable exactly Java producer's retryResponseCodes and GO_AWAY, as stored exactly 0, 10, 11 and 12", () => {
    const retriable = Object.entries(ResponseCode)
      .filter(([, code]) => isRetriableResponseCode(code))
      .map(([name]) => name);
    expect(retriable.sort()).toEqual([
      'GO_AWAY',
      'NOT_IN_CURRENT_UNIT',
      'NO_BUYER_ID',
      'NO_PERMISSION',
      'SERVICE_NOT_AVAILABLE',
      'SYSTEM_BUSY',
      'SYSTEM_ERROR',
      'TOPIC_NOT_EXIST',
    ]);
    const stored = Object.entries(ResponseCode)
      .filter(([, code]) => isSendSuccess(code))
      .map(([, code]) => code);
    expect(stored.sort((a, b) => a - b)).toEqual([0, 10, 11, 12]);
    expect(isRetriableResponseCode(4242)).toBe(false);
  });

  it('names the version ordinals that change behaviour', () => {
    expect(MQVersion).toMatchObject({
      V3_0_11: 37,
      V3_4_9: 121,
      V4_1_0_SNAPSHOT: 232,
      V4_5_2: 317,
      V4_9_4: 401,
      V5_0_0: 413,
      V5_3_1: 475,
      V5_3_3: 479,
    });
    expect(mqVersionName(317)).toBe('V4_5_2');
    expect(mqVersionName(300)).toBe('V_300');
  });

  it('switches route JSON to standard form from V4_9_4 or on acceptStandardJsonOnly', () => {
    expect(usesStandardRouteJson(401, undefined)).toBe(true);
    expect(usesStandardRouteJson(479, 'false')).toBe(true);
    expect(usesStandardRouteJson(400, undefined)).toBe(false);
    expect(usesStandardRouteJson(317, 'true')).toBe(true);
    expect(usesStandardRouteJson(121, 'TRUE')).toBe(true);
    expect(usesStandardRouteJson(121, 'yes')).toBe(false);
    expect(usesStandardRouteJson(121, true)).toBe(true);
    expect(usesStandardRouteJson(121, false)).toBe(false);
  });
});
