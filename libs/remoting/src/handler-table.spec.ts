// HandlerTable and Lane without sockets: duplicate codes fail naming both handlers, unknown lanes
// fail at registration, the frozen table rejects late registration, and lanes hand a freed slot
// to the oldest queued item.
import { describe, expect, it } from 'vitest';

import { HandlerTable } from './handler-table';
import { Lane } from './lane';
import { EchoHandler } from './testing/echo-handler';

class SendProcessor extends EchoHandler {}
class OtherSendProcessor extends EchoHandler {
  describe(): string {
    return 'OtherSendProcessor#v2';
  }
}

describe('Remoting > HandlerTable', () => {
  it('fails a duplicate code, naming both handlers', () => {
    const table = new HandlerTable([{ name: 'send', maxInFlight: 10 }]);
    table.register(10, new SendProcessor(), 'send');
    expect(() => table.register(10, new OtherSendProcessor(), 'send')).toThrow(
      'request code 10 is registered twice: by SendProcessor and by OtherSendProcessor#v2',
    );
  });

  it('fails an unknown lane, listing the known ones', () => {
    const table = new HandlerTable([
      { name: 'send', maxInFlight: 10 },
      { name: 'admin', maxInFlight: 1 },
    ]);
    expect(() => table.register(10, new SendProcessor(), 'pull')).toThrow('names unknown lane pull; lanes: send, admin');
  });

  it('refuses registration once frozen and lists rows by code', () => {
    const table = new HandlerTable([
      { name: 'send', maxInFlight: 10 },
      { name: 'admin', maxInFlight: 1 },
    ]);
    table.register(310, new SendProcessor(), 'send');
    table.register(10, new SendProcessor(), 'send');
    table.register(25, new OtherSendProcessor(), 'admin');
    table.freeze();
    expect(() => table.register(11, new SendProcessor(), 'send')).toThrow('frozen');
    expect(table.rows()).toEqual([
      { code: 10, handler: 'SendProcessor', lane: 'send' },
      { code: 25, handler: 'OtherSendProcessor#v2', lane: 'admin' },
      { code: 310, handler: 'SendProcessor', lane: 'send' },
    ]);
    expect(table.lookup(99)).toBeUndefined();
  });

  it('rejects two lanes with one name', () => {
    expect(
      () =>
        new HandlerTable([
          { name: 'send', maxInFlight: 1 },
          { name: 'send', maxInFlight: 2 },
        ]),
    ).toThrow('defined twice');
  });
});

describe('Remoting > Lane', () => {
  it('admits up to maxInFlight, queues up to maxQueued, then refuses', () => {
    const lane = new Lane<string>({ name: 'pull', maxInFlight: 2, maxQueued: 1 });
    expect([lane.tryAcquire(), lane.tryAcquire(), lane.tryAcquire()]).toEqual([true, true, false]);
    expect([lane.tryEnqueue('a'), lane.tryEnqueue('b')]).toEqual([true, false]);
    expect(lane.inFlight).toBe(2);
    expect(lane.queued).toBe(1);
  });

  it('passes a freed slot to the oldest queued item without changing inFlight', () => {
    const lane = new Lane<string>({ name: 'send', maxInFlight: 1, maxQueued: 10 });
    lane.tryAcquire();
    for (const item of ['a', 'b', 'c']) lane.tryEnqueue(item);
    expect([lane.release(), lane.release(), lane.release()]).toEqual(['a', 'b', 'c']);
    expect(lane.inFlight).toBe(1);
    expect(lane.release()).toBeUndefined();
    expect(lane.inFlight).toBe(0);
    expect(lane.tryAcquire()).toBe(true);
  });

  it('rejects nonsensical limits', () => {
    expect(() => new Lane({ name: 'x', maxInFlight: 0 })).toThrow('maxInFlight');
    expect(() => new Lane({ name: 'x', maxInFlight: 1, maxQueued: -1 })).toThrow('maxQueued');
  });
});
