import { CheckClientRequestBody, createRequest, RequestCode, ResponseCode, type SubscriptionData } from '@rocketmq-ts/protocol';
import { describe, expect, it } from 'vitest';

import { PropertyFilters } from '../filter/property-filters';
import { FakeConnection } from '../testing/consumer-fakes';
import { CheckClientConfigProcessor } from './check-client-config.processor';

const subscription = (expressionType: string, subString: string): SubscriptionData => ({
  topic: 'T',
  subString,
  expressionType,
  tagsSet: [],
  codeSet: [],
  subVersion: 1n,
  classFilterMode: false,
});

function check(enablePropertyFilter: boolean, subscriptionData: SubscriptionData | undefined) {
  const processor = new CheckClientConfigProcessor({ enablePropertyFilter }, new PropertyFilters());
  return processor.handle(
    new FakeConnection(),
    createRequest(RequestCode.CHECK_CLIENT_CONFIG, {
      body: CheckClientRequestBody.encode({ clientId: 'c', group: 'G', subscriptionData }),
    }),
  );
}

describe('Broker > processors > CHECK_CLIENT_CONFIG', () => {
  it('accepts tag subscriptions and bodies without one, whatever enablePropertyFilter says', () => {
    expect(check(false, subscription('TAG', 'A || B')).code).toBe(ResponseCode.SUCCESS);
    expect(check(false, undefined).code).toBe(ResponseCode.SUCCESS);
  });

  it("refuses SQL92 with SYSTEM_ERROR and Java's remark while enablePropertyFilter is off", () => {
    const response = check(false, subscription('SQL92', 'a > 5'));
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('The broker does not support consumer to filter message by SQL92');
  });

  it('accepts a valid SQL92 expression and answers SUBSCRIPTION_PARSE_FAILED with the position of a bad one', () => {
    expect(check(true, subscription('SQL92', "a > 5 AND b IN ('x','y')")).code).toBe(ResponseCode.SUCCESS);
    const response = check(true, subscription('SQL92', 'a > 5 AND AND b = 1'));
    expect(response.code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
    expect(response.remark).toMatch(/at line 1, column 11$/);
  });
});
