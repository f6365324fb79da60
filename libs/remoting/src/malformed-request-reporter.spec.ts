import { describe, expect, it } from 'vitest';

import { ManualClock, RecordingLogger } from '@rocketmq-ts/base';
import { BodyError, createRequest, HeaderError, ProtocolError } from '@rocketmq-ts/protocol';

import { describeMalformed, MalformedRequestReporter } from './malformed-request-reporter';

const PEER = { remoteAddress: '127.0.0.1:50000' };
const HEARTBEAT = createRequest(34);

describe('Remoting > MalformedRequestReporter', () => {
  it('counts every report, warns once per code, structure and field (indexes folded) and interval, then says how many it held back', () => {
    const logger = new RecordingLogger();
    const clock = new ManualClock(1_000);
    const counted: string[] = [];
    const reporter = new MalformedRequestReporter({
      logger,
      clock,
      logIntervalMs: 10_000,
      count: (code, structure) => counted.push(`${code}/${structure}`),
    });
    const bad = (index: number) =>
      describeMalformed(
        PEER,
        HEARTBEAT,
        new BodyError('HeartbeatData', `$.consumerDataSet[${index}].subVersion`, 'expected a long'),
        'client-1',
      );

    reporter.report(bad(0));
    reporter.report(bad(1));
    reporter.report(bad(2));
    clock.advance(10_000);
    reporter.report(bad(3));

    expect(counted).toEqual(['34/HeartbeatData', '34/HeartbeatData', '34/HeartbeatData', '34/HeartbeatData']);
    const warnings = logger.entries.filter((entry) => entry.level === 'warn');
    expect(warnings.map((entry) => [entry.fields['field'], entry.fields['suppressedSinceLastWarning']])).toEqual([
      ['$.consumerDataSet[0].subVersion', 0],
      ['$.consumerDataSet[3].subVersion', 2],
    ]);
    expect(warnings[0]?.fields).toMatchObject({
      code: 34,
      clientId: 'client-1',
      remoteAddress: PEER.remoteAddress,
      structure: 'HeartbeatData',
      problem: 'expected a long',
    });
  });

  it('describes header errors by header and field, and JSON syntax errors by their reason', () => {
    expect(describeMalformed(PEER, HEARTBEAT, new HeaderError('PullMessageRequestHeader', 'queueOffset', 'not an integer: "x"'))).toEqual({
      code: 34,
      remoteAddress: PEER.remoteAddress,
      structure: 'PullMessageRequestHeader',
      field: 'queueOffset',
      problem: 'not an integer: "x"',
    });
    expect(describeMalformed(PEER, HEARTBEAT, new ProtocolError('bad JSON at offset 3: unexpected end of input'))).toMatchObject({
      structure: 'body',
      field: '$',
      problem: 'bad JSON at offset 3: unexpected end of input',
    });
  });

  it('forgets old keys instead of growing without bound under hostile input', () => {
    const logger = new RecordingLogger();
    const reporter = new MalformedRequestReporter({ logger, clock: new ManualClock(0) });
    for (let index = 0; index < 5_000; index++)
      reporter.report(describeMalformed(PEER, HEARTBEAT, new HeaderError('H', `field${index}`, 'missing')));
    expect(logger.entries).toHaveLength(5_000);
    reporter.report(describeMalformed(PEER, HEARTBEAT, new HeaderError('H', 'field4999', 'missing')));
    expect(logger.entries).toHaveLength(5_000);
  });
});
