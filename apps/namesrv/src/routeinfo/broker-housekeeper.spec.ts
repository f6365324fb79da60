import { ManualClock } from '@rocketmq-ts/base';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { registerInput } from '../testing/route-info-fixtures';
import { BrokerHousekeeper } from './broker-housekeeper';
import { RouteInfoManager } from './route-info-manager';

describe('Namesrv > BrokerHousekeeper', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const clock = new ManualClock();
    const routeInfoManager = new RouteInfoManager({ clock });
    const housekeeper = new BrokerHousekeeper({ routeInfoManager, scanIntervalMs: 5000 });
    routeInfoManager.registerBroker(registerInput());
    return { clock, routeInfoManager, housekeeper };
  }

  it('removes a broker once it has been silent past its timeout', () => {
    const { clock, routeInfoManager, housekeeper } = setup();
    clock.advance(119_000);
    expect(housekeeper.scanOnce()).toEqual([]);
    clock.advance(1_001);
    expect(housekeeper.scanOnce()).toEqual(['10.0.0.1:10911']);
    expect(routeInfoManager.liveBrokerCount).toBe(0);
  });

  it('scans on its interval once started, and stops when told', () => {
    vi.useFakeTimers();
    const { clock, routeInfoManager, housekeeper } = setup();
    housekeeper.start();
    expect(housekeeper.running).toBe(true);
    clock.advance(120_001);
    expect(routeInfoManager.liveBrokerCount).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(routeInfoManager.liveBrokerCount).toBe(0);
    housekeeper.stop();
    expect(housekeeper.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('survives a failing scan', () => {
    const failing = {
      scanNotActiveBroker: () => {
        throw new Error('boom');
      },
    } as unknown as RouteInfoManager;
    const errors: unknown[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (fields: unknown) => errors.push(fields),
      child: () => logger,
    };
    const housekeeper = new BrokerHousekeeper({ routeInfoManager: failing, scanIntervalMs: 5000, logger });
    expect(housekeeper.scanOnce()).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
