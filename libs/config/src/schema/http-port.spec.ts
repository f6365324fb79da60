import { describe, expect, it } from 'vitest';

import { ConfigError } from './config-error';
import { defineConfigSchema } from './define-config-schema';
import { defaultHttpPort, httpPortField } from './http-port';
import { port } from './validators';
import { loadConfig } from '../load/load-config';

/** Every port a broker binds (fast channel, remoting, HA) and its HTTP port, by listenPort. */
function brokerPorts(listenPort: number): number[] {
  return [listenPort - 2, listenPort, listenPort + 1, defaultHttpPort(listenPort) as number];
}

function namesrvPorts(listenPort: number): number[] {
  return [listenPort, defaultHttpPort(listenPort) as number];
}

const schema = defineConfigSchema({ listenPort: port(10911), httpPort: httpPortField() });

describe('Config > default HTTP port', () => {
  it('is listenPort - 31: the broker keeps 10880 and name servers get 9845/9846', () => {
    expect([10911, 10921, 11011, 11021, 9876, 9877].map(defaultHttpPort)).toEqual([10880, 10890, 10980, 10990, 9845, 9846]);
    expect(defaultHttpPort(31)).toBeUndefined();
  });

  it.each([
    { layout: "2m-2s on one host (the deployment guide's ports)", namesrvs: [9876, 9877], brokers: [10911, 10921, 11011, 11021] },
    { layout: 'a master and the other group’s slave', namesrvs: [9876], brokers: [10911, 11011] },
    { layout: 'DLedger groups of three', namesrvs: [9876, 9877, 9878], brokers: [30911, 30921, 30931] },
    { layout: 'brokers 4 apart (the tightest that fits fast, remoting and HA)', namesrvs: [9876], brokers: [10911, 10915, 10919, 10923] },
  ])('gives every process of $layout distinct ports', ({ namesrvs, brokers }) => {
    const all = [...namesrvs.flatMap(namesrvPorts), ...brokers.flatMap(brokerPorts)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('meets another server only when their listenPorts are 29, 31 or 32 apart', () => {
    const collide = (left: number, right: number): boolean => brokerPorts(left).some((one) => brokerPorts(right).includes(one));
    const distances = Array.from({ length: 200 }, (_, index) => index + 4).filter((distance) => collide(10911, 10911 + distance));
    expect(distances).toEqual([29, 31, 32]);
  });

  it('follows a listenPort given on the command line or in a file; an explicit httpPort wins; 0 is accepted', () => {
    expect(schema.defaults()).toEqual({ listenPort: 10911, httpPort: 10880 });
    expect(loadConfig(schema, { argv: ['--listenPort=11011'], env: {} }).config.httpPort).toBe(10980);
    const loaded = loadConfig(schema, { argv: ['-c', 'b.conf'], env: {}, readFile: () => 'listenPort=10921\n' });
    expect(loaded.config).toEqual({ listenPort: 10921, httpPort: 10890 });
    expect(loaded.sources.httpPort).toBe('default');
    expect(loadConfig(schema, { argv: ['--listenPort=11011', '--httpPort=8088'], env: {} }).config.httpPort).toBe(8088);
    expect(loadConfig(schema, { argv: ['--httpPort=0'], env: {} }).config.httpPort).toBe(0);
  });

  it('asks for httpPort when listenPort leaves no room below it, and says nothing extra about a bad listenPort', () => {
    expect(() => loadConfig(schema, { argv: ['--listenPort=20'], env: {} })).toThrow(
      '  httpPort: no default for listenPort=20 (listenPort - 31 is out of range); set httpPort',
    );
    const attempt = (): unknown => loadConfig(schema, { argv: ['--listenPort=x'], env: {} });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.key)).toEqual(['listenPort']);
    }
  });

  it('refuses a schema whose derived default follows a key it lacks', () => {
    expect(() => defineConfigSchema({ httpPort: httpPortField() })).toThrow("httpPort's default follows listenPort");
  });
});
