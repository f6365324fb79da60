import type { LogFn, Logger } from '@rocketmq-ts/base';

/** A Logger that prints one line per call with simulated time and node id (for `--verbose` replays). */
export function traceLogger(print: (line: string) => void, nowMs: () => number, bindings: Record<string, unknown> = {}): Logger {
  const at =
    (level: string): LogFn =>
    (first: string | Record<string, unknown>, message?: string) => {
      const fields = typeof first === 'string' ? {} : first;
      const text = typeof first === 'string' ? first : (message ?? '');
      print(`t=${String(nowMs()).padStart(6)} ${level} ${JSON.stringify({ ...bindings, ...fields })} ${text}`);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => traceLogger(print, nowMs, { ...bindings, ...more }),
  };
}
