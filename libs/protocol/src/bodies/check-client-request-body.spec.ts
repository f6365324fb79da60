import { describe, expect, it } from 'vitest';

import { CheckClientRequestBody } from './check-client-request-body';

describe('CheckClientRequestBody', () => {
  it("reads the Java client's body (fastjson field order, subVersion as a bare long)", () => {
    const java =
      '{"clientId":"127.0.0.1@4242","group":"G","subscriptionData":{"classFilterMode":false,"codeSet":[],"expressionType":"SQL92","subString":"a > 5","subVersion":1732000000000,"tagsSet":[],"topic":"T"}}';
    expect(CheckClientRequestBody.decode(java)).toEqual({
      clientId: '127.0.0.1@4242',
      group: 'G',
      subscriptionData: {
        topic: 'T',
        subString: 'a > 5',
        expressionType: 'SQL92',
        subVersion: 1732000000000n,
        tagsSet: [],
        codeSet: [],
        classFilterMode: false,
      },
    });
  });

  it('round-trips, and reads a body without subscription as nothing to check', () => {
    const body: CheckClientRequestBody = {
      clientId: 'c',
      group: 'g',
      subscriptionData: {
        topic: 'T',
        subString: "b IN ('x')",
        expressionType: 'SQL92',
        subVersion: 12345678901234567n,
        tagsSet: [],
        codeSet: [],
        classFilterMode: false,
      },
    };
    expect(CheckClientRequestBody.decode(CheckClientRequestBody.encode(body))).toEqual(body);
    expect(CheckClientRequestBody.decode('{"clientId":"c","group":"g"}').subscriptionData).toBeUndefined();
  });
});
