import { describe, expect, it } from 'vitest';

import type { LogFn, Logger } from '@rocketmq-ts/base';

import { NestLoggerBridge } from './nest-logger-bridge';

class CollectingLogger implements Logger {
  readonly lines: Array<{ level: string; fields: unknown; message: unknown }> = [];
  readonly debug = this.at('debug');
  readonly info = this.at('info');
  readonly warn = this.at('warn');
  readonly error = this.at('error');

  child(): Logger {
    return this;
  }

  private at(level: string): LogFn {
    return ((fields: unknown, message?: unknown) => {
      this.lines.push({ level, fields, message });
    }) as LogFn;
  }
}

describe('NestRemoting > logger bridge', () => {
  it('sends Nest boot chatter to debug and keeps warnings and errors at their level', () => {
    const logger = new CollectingLogger();
    const bridge = new NestLoggerBridge(logger);
    bridge.log('Mapped {/health, GET}', 'RouterExplorer');
    bridge.verbose('detail', 'X');
    bridge.warn('careful', 'Y');
    bridge.error('boom', 'stack', 'Z');
    expect(logger.lines.map((line) => line.level)).toEqual(['debug', 'debug', 'warn', 'error']);
    expect(logger.lines[3]).toEqual({ level: 'error', fields: { nestContext: 'Z', trace: 'stack' }, message: 'boom' });
  });
});
