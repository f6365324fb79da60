import type { ParsedOptions } from './parse-options';
import { UsageError } from '@rocketmq-ts/config';

/** Typed reads of parsed options; a malformed value is a usage error naming the option. */
export class OptionValues {
  constructor(
    private readonly command: string,
    private readonly values: ParsedOptions,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  flag(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value.trim() : undefined;
  }

  requireString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw new UsageError(`--${name} is required`, this.command);
    return value;
  }

  integer(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
      throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(text)}`, this.command);
    return Number(text);
  }

  requireInteger(name: string): number {
    const value = this.integer(name);
    if (value === undefined) throw new UsageError(`--${name} is required`, this.command);
    return value;
  }

  /** Java's Boolean.parseBoolean reading, but strict: only true/false. */
  boolean(name: string): boolean | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false')
      throw new UsageError(`--${name} must be true or false, got ${JSON.stringify(text)}`, this.command);
    return text === 'true';
  }

  /** A time as mqadmin takes it: `now`, milliseconds since the epoch, or `yyyy-MM-dd#HH:mm:ss:SSS` (local time). */
  timestamp(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const parsed = parseTimestamp(text);
    if (parsed === undefined)
      throw new UsageError(`--${name} must be now, milliseconds, or yyyy-MM-dd#HH:mm:ss:SSS, got ${JSON.stringify(text)}`, this.command);
    return parsed;
  }
}

const JAVA_TIME = /^(\d{4})-(\d{2})-(\d{2})#(\d{2}):(\d{2}):(\d{2}):(\d{3})$/;

export function parseTimestamp(text: string, nowMs = Date.now()): number | undefined {
  if (text === 'now') return nowMs;
  if (/^-?\d+$/.test(text)) return Number(text);
  const match = JAVA_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second, ms] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second, ms);
  return Number.isNaN(date.getTime()) ? undefined : date.getTime();
}
