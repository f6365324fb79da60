import { describe, expect, it } from 'vitest';

import { type ControllerEvent, ControllerEventError, decodeControllerEvent, encodeControllerEvent } from './controller-events';

describe('Controller > events', () => {
  const events: ControllerEvent[] = [
    { type: 'ALTER_SYNC_STATE_SET', brokerName: 'b', newSyncStateSet: [1, 2] },
    { type: 'APPLY_BROKER_ID', clusterName: 'c', brokerName: 'b', brokerAddress: 'a:1', newBrokerId: 1, registerCheckCode: 'a:1;5' },
    { type: 'ELECT_MASTER', brokerName: 'b', newMasterElected: true, newMasterBrokerId: 2 },
    { type: 'ELECT_MASTER', brokerName: 'b', newMasterElected: false, newMasterBrokerId: undefined },
    { type: 'READ' },
    { type: 'CLEAN_BROKER_DATA', brokerName: 'b', brokerIdSetToClean: [3] },
    { type: 'CLEAN_BROKER_DATA', brokerName: 'b', brokerIdSetToClean: undefined },
    { type: 'UPDATE_BROKER_ADDRESS', clusterName: 'c', brokerName: 'b', brokerAddress: 'a:2', brokerId: 1 },
  ];

  it('round-trips every event type through [type:int16][JSON]', () => {
    for (const event of events) expect(decodeControllerEvent(encodeControllerEvent(event))).toEqual(event);
    expect(encodeControllerEvent(events[0] as ControllerEvent).readInt16BE(0)).toBe(1);
    expect(
      encodeControllerEvent(events[0] as ControllerEvent)
        .subarray(2)
        .toString(),
    ).toBe('{"brokerName":"b","newSyncStateSet":[1,2]}');
  });

  it('rejects an unknown type, a short entry and bad JSON with a ControllerEventError or a body error naming the field', () => {
    expect(() => decodeControllerEvent(Buffer.from([0]))).toThrow(ControllerEventError);
    expect(() => decodeControllerEvent(Buffer.from([0, 99]))).toThrow('unknown event type 99');
    expect(() =>
      decodeControllerEvent(Buffer.concat([Buffer.from([0, 1]), Buffer.from('{"brokerName":"b","newSyncStateSet":["x"]}')])),
    ).toThrow('newSyncStateSet[0]');
  });
});
