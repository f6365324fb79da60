import { describe, expect, it } from 'vitest';

import { LockBatchRequestBody, UnlockBatchRequestBody } from './lock-batch-request-body';
import { LockBatchResponseBody } from './lock-batch-response-body';

describe('Protocol > bodies > lock batch', () => {
  it('reads the Java client request and writes it back with sorted keys', () => {
    const text =
      '{"clientId":"10.0.0.5@1#2","consumerGroup":"G","mqSet":[{"brokerName":"broker-a","queueId":3,"topic":"T"}],"onlyThisBroker":false}';
    const body = LockBatchRequestBody.decode(text);
    expect(body).toEqual({
      clientId: '10.0.0.5@1#2',
      consumerGroup: 'G',
      onlyThisBroker: false,
      mqSet: [{ topic: 'T', brokerName: 'broker-a', queueId: 3 }],
    });
    expect(LockBatchRequestBody.encode(body).toString()).toBe(text);
    expect(UnlockBatchRequestBody.decode(text)).toEqual(body);
  });

  it('writes the response as the standard JSON GO parses strictly', () => {
    const encoded = LockBatchResponseBody.encode({ lockOKMQSet: [{ topic: 'T', brokerName: 'b', queueId: 0 }] }).toString();
    expect(encoded).toBe('{"lockOKMQSet":[{"brokerName":"b","queueId":0,"topic":"T"}]}');
    expect(LockBatchResponseBody.decode(encoded).lockOKMQSet).toEqual([{ topic: 'T', brokerName: 'b', queueId: 0 }]);
  });
});
