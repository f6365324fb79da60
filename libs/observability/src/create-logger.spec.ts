// createLogger writes one JSON object per line with name, level label, bound child fields and
// the message, honours the configured level, and satisfies base's Logger interface.
import { describe, expect, it } from 'vitest';

import type { Logger } from '@rocketmq-ts/base';

import { createLogger } from './create-logger';

function capture(): { lines: Record<string, unknown>[]; destination: { write(line: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('Observability > createLogger', () => {
  it('writes structured JSON lines with child bindings', () => {
    const { lines, destination } = capture();
    const logger: Logger = createLogger({ name: 'namesrv', destination });
    logger.child({ connectionId: 7 }).warn({ remoteAddress: '127.0.0.1:4000' }, 'closing connection');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      name: 'namesrv',
      level: 'warn',
      connectionId: 7,
      remoteAddress: '127.0.0.1:4000',
      msg: 'closing connection',
    });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('defaults to info and drops lines below the configured level', () => {
    const atInfo = capture();
    const infoLogger = createLogger({ name: 'broker', destination: atInfo.destination });
    infoLogger.debug('hidden');
    infoLogger.info('shown');
    expect(atInfo.lines.map((line) => line['msg'])).toEqual(['shown']);
    expect(infoLogger.isLevelEnabled('debug')).toBe(false);

    const atDebug = capture();
    createLogger({ name: 'broker', level: 'debug', destination: atDebug.destination }).debug('visible');
    expect(atDebug.lines.map((line) => line['level'])).toEqual(['debug']);
  });

  it('rejects an unknown level', () => {
    expect(() => createLogger({ name: 'x', level: 'verbose' as never })).toThrow('unknown log level verbose');
  });
});
