import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { decodeFrame } from '../command/frame-codec';
import { HeartbeatData } from './heartbeat-data';

// The heartbeat the official Go client (rocketmq-client-go v2) sends for a push consumer, captured
// by tools/fixtures/src/capture-go-heartbeat.ts: subVersion is time.Now().UnixNano(), a 19-digit
// Java long (docs/remoting-protocol.md#java-long-fields), and the tag hashes are JSON strings.
const FRAME = Buffer.from(
  readFileSync(join(__dirname, '..', '__fixtures__', 'captured', '34-request-go-1.hex'), 'utf8').replace(/\s+/g, ''),
  'hex',
);

describe('Protocol > bodies > the Go client heartbeat (captured)', () => {
  it('decodes with exact 19-digit subVersions and numeric tag hashes', () => {
    const command = decodeFrame(FRAME.subarray(4));
    expect([command.code, command.language]).toEqual([34, 'GO']);
    const data = HeartbeatData.decode(command.body ?? Buffer.alloc(0));
    const [consumer] = data.consumerDataSet;
    expect(consumer?.groupName).toBe('GoCaptureGroup');
    const subscriptions = consumer?.subscriptionDataSet ?? [];
    expect(subscriptions.map((sub) => [sub.topic, sub.codeSet])).toEqual([
      ['GoCaptureTopic', [2598919, 2598920]],
      ['%RETRY%GoCaptureGroup', []],
    ]);
    const bodyText = (command.body ?? Buffer.alloc(0)).toString();
    for (const sub of subscriptions) {
      expect(sub.subVersion.toString()).toMatch(/^\d{19}$/);
      expect(bodyText).toContain(`"subVersion":${sub.subVersion},`);
    }
  });
});
