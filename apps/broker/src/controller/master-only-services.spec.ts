import { silentLogger } from '@rocketmq-ts/base';
import { describe, expect, it } from 'vitest';

import { type MasterOnlyService, MasterOnlyServices } from './master-only-services';

/** A service that records its switches; its start can be held open to test ordering. */
function recorder(name: string, log: string[], holdStart?: Promise<void>): MasterOnlyService {
  return {
    name,
    start: async () => {
      log.push(`${name}:start-begin`);
      await holdStart;
      log.push(`${name}:start-end`);
    },
    stop: () => {
      log.push(`${name}:stop`);
    },
  };
}

describe('MasterOnlyServices', () => {
  it('starts on MASTER, stops on SLAVE or FENCED, ignores repeats', async () => {
    const log: string[] = [];
    const services = new MasterOnlyServices([recorder('a', log), recorder('b', log)], silentLogger);
    services.onRole('SLAVE');
    services.onRole('MASTER');
    services.onRole('MASTER');
    services.onRole('FENCED');
    await services.settled();
    expect(log).toEqual(['a:start-begin', 'a:start-end', 'b:start-begin', 'b:start-end', 'a:stop', 'b:stop']);
  });

  it('never lets a stop overtake a start still under way', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const services = new MasterOnlyServices([recorder('a', log, held)], silentLogger);
    services.onRole('MASTER');
    services.onRole('SLAVE');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['a:start-begin']);
    release();
    await services.settled();
    expect(log).toEqual(['a:start-begin', 'a:start-end', 'a:stop']);
  });

  it('starts nothing once the module is destroyed, and a failing service does not stop the others', async () => {
    const log: string[] = [];
    const failing: MasterOnlyService = { name: 'bad', start: () => Promise.reject(new Error('boom')), stop: () => undefined };
    const services = new MasterOnlyServices([failing, recorder('a', log)], silentLogger);
    services.onRole('MASTER');
    await services.settled();
    expect(log).toEqual(['a:start-begin', 'a:start-end']);
    services.onRole('SLAVE');
    await services.onModuleDestroy();
    services.onRole('MASTER');
    await services.settled();
    expect(log).toEqual(['a:start-begin', 'a:start-end', 'a:stop']);
  });
});
