import type { LogFn, Logger } from './logger';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/**
 * A Logger that keeps every entry (child bindings merged in), so specs can wait for "the server
 * logged why it closed that connection" instead of sleeping. A test double, like ManualClock.
 */
export class RecordingLogger implements Logger {
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;

  constructor(
    readonly entries: LogEntry[] = [],
    private readonly bindings: Record<string, unknown> = {},
  ) {
    this.debug = this.logFn('debug');
    this.info = this.logFn('info');
    this.warn = this.logFn('warn');
    this.error = this.logFn('error');
  }

  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.entries, { ...this.bindings, ...bindings });
  }

  isLevelEnabled(): boolean {
    return true;
  }

  find(predicate: (entry: LogEntry) => boolean): LogEntry | undefined {
    return this.entries.find(predicate);
  }

  private logFn(level: LogEntry['level']): LogFn {
    return ((fieldsOrMessage: Record<string, unknown> | string, message?: string) => {
      if (typeof fieldsOrMessage === 'string') this.entries.push({ level, message: fieldsOrMessage, fields: { ...this.bindings } });
      else this.entries.push({ level, message: message ?? '', fields: { ...this.bindings, ...fieldsOrMessage } });
    }) as LogFn;
  }
}
