/**
 * k6's duration strings: a sequence of `<number><unit>` with units ms, s, m, h (`'1m30s'`, `'500ms'`,
 * `'2.5s'`). A bare number is seconds. Returns milliseconds; throws a RangeError naming the input.
 */
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new RangeError(`duration ${text} must be a finite number of seconds >= 0`);
    return text * 1_000;
  }
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1_000;
  PART.lastIndex = 0;
  let total = 0;
  let matched = 0;
  for (let part = PART.exec(trimmed); part !== null; part = PART.exec(trimmed)) {
    total += Number(part[1]) * (UNIT_MS[part[2] as string] as number);
    matched = PART.lastIndex;
  }
  if (matched === 0 || matched !== trimmed.length) throw new RangeError(`duration "${text}" is not like 30s, 1m30s or 500ms`);
  return total;
}

export function formatDuration(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(ms % 1_000 === 0 ? 0 : 1)}s` : `${Math.round(ms)}ms`;
}
