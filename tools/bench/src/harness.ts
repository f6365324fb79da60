/**
 * A small rate harness for codec micro-benchmarks. Each operation is warmed up (so V8 has
 * optimised it), calibrated to a batch that runs for about `runMs`, then timed over `runs`
 * batches with `process.hrtime.bigint()`. We report the median batch rate, and the min and max
 * as the spread, because a shared 2-core machine makes single samples noisy.
 */
export interface RateOptions {
  readonly warmUpMs: number;
  readonly runMs: number;
  readonly runs: number;
}

export const DEFAULT_RATE_OPTIONS: RateOptions = { warmUpMs: 300, runMs: 200, runs: 7 };

export interface RateSample {
  readonly opsPerSecondMedian: number;
  readonly opsPerSecondMin: number;
  readonly opsPerSecondMax: number;
  readonly iterationsPerRun: number;
}

/** `operation` returns a number that is folded into a sink, so V8 cannot drop the work. */
export type BenchOperation = () => number;

let sink = 0;

/** Folded results of every operation; print it so the work stays observable. */
export function benchSink(): number {
  return sink;
}

export function measureRate(operation: BenchOperation, options: RateOptions = DEFAULT_RATE_OPTIONS): RateSample {
  const warmUpIterations = iterationsWithin(operation, options.warmUpMs);
  const iterationsPerRun = Math.max(1, Math.round((warmUpIterations * options.runMs) / options.warmUpMs));
  const rates: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const startNs = process.hrtime.bigint();
    for (let i = 0; i < iterationsPerRun; i++) sink = (sink + operation()) | 0;
    const elapsedNs = Number(process.hrtime.bigint() - startNs);
    rates.push((iterationsPerRun * 1e9) / elapsedNs);
  }
  rates.sort((left, right) => left - right);
  return {
    opsPerSecondMedian: rates[Math.floor(rates.length / 2)] as number,
    opsPerSecondMin: rates[0] as number,
    opsPerSecondMax: rates[rates.length - 1] as number,
    iterationsPerRun,
  };
}

/** Runs the operation until `durationMs` has passed, checking the clock every 64 calls. */
function iterationsWithin(operation: BenchOperation, durationMs: number): number {
  const endNs = process.hrtime.bigint() + BigInt(Math.round(durationMs * 1e6));
  let iterations = 0;
  while (process.hrtime.bigint() < endNs) {
    for (let i = 0; i < 64; i++) sink = (sink + operation()) | 0;
    iterations += 64;
  }
  return iterations;
}

export interface TableRow {
  readonly subject: string;
  readonly operation: string;
  readonly bytesPerOp: number;
  readonly sample: RateSample;
}

/** A plain-text table: rates are medians, MB/s uses 10^6 bytes, spread is (max - min) / median. */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['subject', 'operation', 'bytes/op', 'ops/s (median)', 'MB/s (median)', 'spread', 'ops/s min..max'];
  const lines = rows.map((row) => {
    const { opsPerSecondMedian: median, opsPerSecondMin: min, opsPerSecondMax: max } = row.sample;
    return [
      row.subject,
      row.operation,
      String(row.bytesPerOp),
      Math.round(median).toLocaleString('en-US'),
      ((median * row.bytesPerOp) / 1e6).toFixed(1),
      `${(((max - min) / median) * 100).toFixed(1)}%`,
      `${Math.round(min).toLocaleString('en-US')}..${Math.round(max).toLocaleString('en-US')}`,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] as string).length)));
  const render = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column >= 2 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}
