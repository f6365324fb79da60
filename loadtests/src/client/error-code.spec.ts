import { describe, expect, it } from 'vitest';

import { MQBrokerError, MQClientError, NoRouteError } from '@rocketmq-ts/client';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingTimeoutError } from '@rocketmq-ts/remoting';

import { errorCodeOf } from './error-code';

describe('errorCodeOf', () => {
  it('names broker codes, transport failures along the cause chain, and the rest', () => {
    expect(errorCodeOf(new MQBrokerError('127.0.0.1:1', ResponseCode.SYSTEM_BUSY, 'busy'))).toBe('SYSTEM_BUSY');
    expect(errorCodeOf(new NoRouteError('T'))).toBe('no_route');
    expect(errorCodeOf(new MQClientError('send failed', { cause: new RemotingTimeoutError('127.0.0.1:1', 10, 1, 3000) }))).toBe('timeout');
    expect(errorCodeOf(new Error('?'))).toBe('other');
  });
});
