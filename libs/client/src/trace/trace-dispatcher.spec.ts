import { RecordingLogger } from '@rocketmq-ts/base';
import { decodeTraceRecords, type SubBeforeTrace } from '@rocketmq-ts/protocol';
import { describe, expect, it } from 'vitest';

import type { Message } from '../producer/message';
import { TraceDispatcher, type TraceSender } from './trace-dispatcher';

// The dispatcher in isolation (the e2e suite runs it against real brokers and both mqadmins):
// batching, keys, dropping past the queue bound, a failing sender, the flush at shutdown.
class RecordingSender implements TraceSender {
  readonly sent: Message[] = [];
  failNext = false;
  started = false;
  stopped = false;

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  send(message: Message): Promise<unknown> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('trace topic unreachable'));
    }
    this.sent.push(message);
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
}

function subBefore(index: number): SubBeforeTrace {
  return {
    type: 'SubBefore',
    timestamp: 1_700_000_000_000 + index,
    regionId: 'DefaultRegion',
    groupName: 'CG',
    requestId: `R${index}`,
    msgId: `M${index}`,
    retryTimes: 0,
    keys: `k${index}`,
  };
}

describe('TraceDispatcher', () => {
  it('batches records into trace messages keyed by the traced ids and keys', async () => {
    const sender = new RecordingSender();
    const dispatcher = new TraceDispatcher({
      traceTopic: 'RMQ_SYS_TRACE_TOPIC',
      sender,
      logger: new RecordingLogger(),
      recordsPerMessage: 2,
      flushIntervalMs: 60_000,
    });
    await dispatcher.start();
    for (let i = 0; i < 5; i++) dispatcher.record(subBefore(i), [`M${i}`, `k${i}`]);
    await dispatcher.flush();
    expect(sender.sent.map((message) => message.keys)).toEqual([
      ['M0', 'k0', 'M1', 'k1'],
      ['M2', 'k2', 'M3', 'k3'],
      ['M4', 'k4'],
    ]);
    expect(sender.sent.every((message) => message.topic === 'RMQ_SYS_TRACE_TOPIC')).toBe(true);
    const decoded = sender.sent.flatMap((message) => decodeTraceRecords(String(message.body)).records);
    expect(decoded).toEqual([0, 1, 2, 3, 4].map(subBefore));
    await dispatcher.shutdown();
  });

  it('drops records past its bound and a batch the sender fails, without throwing', async () => {
    const sender = new RecordingSender();
    const logger = new RecordingLogger();
    const dispatcher = new TraceDispatcher({
      traceTopic: 'T',
      sender,
      logger,
      maxQueued: 3,
      recordsPerMessage: 1,
      flushIntervalMs: 60_000,
    });
    await dispatcher.start();
    for (let i = 0; i < 5; i++) dispatcher.record(subBefore(i), [`M${i}`]);
    expect(dispatcher.droppedCount).toBe(2);
    sender.failNext = true;
    await dispatcher.flush();
    expect(sender.sent.map((message) => message.keys)).toEqual([['M1'], ['M2']]);
    expect(JSON.stringify(logger.entries)).toContain('trace records not sent; dropped');
    await dispatcher.shutdown();
  });

  it('sends what is queued at shutdown, then stops its sender', async () => {
    const sender = new RecordingSender();
    const dispatcher = new TraceDispatcher({ traceTopic: 'T', sender, logger: new RecordingLogger(), flushIntervalMs: 60_000 });
    await dispatcher.start();
    dispatcher.record(subBefore(7), ['M7']);
    await dispatcher.shutdown();
    expect(sender.sent).toHaveLength(1);
    expect(sender.stopped).toBe(true);
  });
});
