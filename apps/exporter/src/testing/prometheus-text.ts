import { at } from '@rocketmq-ts/base';

/** One sample line of Prometheus text exposition. */
export interface ScrapedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the sample lines of a /metrics body (comments skipped), enough for assertions in specs. */
export function parsePrometheusText(text: string): ScrapedSample[] {
  const samples: ScrapedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (match === null) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(LABEL_PAIR))
      labels[at(pair, 1, 'label name group')] = at(pair, 2, 'label value group').replace(/\\(.)/g, (_whole, escaped: string) =>
        escaped === 'n' ? '\n' : escaped,
      );
    samples.push({ name: at(match, 1, 'metric name group'), labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples of `name` whose labels include every pair of `labels`. */
export function samplesOf(samples: readonly ScrapedSample[], name: string, labels: Readonly<Record<string, string>> = {}): ScrapedSample[] {
  return samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

export async function scrape(httpPort: number): Promise<ScrapedSample[]> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}
