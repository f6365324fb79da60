import { parseThreshold, THRESHOLD_METRICS } from '../report/thresholds';
import { parseDuration } from './duration';
import { EXECUTOR_NAMES, type ScenarioOptions } from './scenario-options';

/** Bad scenario options: one line per bad key, the key named by its path (`executor.rate`). */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid scenario options:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

type Check = (value: unknown, path: string, problems: string[]) => void;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function object(fields: Readonly<Record<string, Check>>, required: readonly string[] = []): Check {
  return (value, path, problems) => {
    if (!isRecord(value)) return void problems.push(`${path}: expected an object, got ${JSON.stringify(value)}`);
    for (const key of Object.keys(value))
      if (fields[key] === undefined) problems.push(`${path}.${key}: unknown key (known: ${Object.keys(fields).join(', ')})`);
    for (const key of required) if (value[key] === undefined) problems.push(`${path}.${key}: required`);
    for (const [key, check] of Object.entries(fields)) if (value[key] !== undefined) check(value[key], `${path}.${key}`, problems);
  };
}

function number(min: number, options: { integer?: boolean; max?: number } = {}): Check {
  return (value, path, problems) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= min &&
      value <= (options.max ?? Number.POSITIVE_INFINITY) &&
      (!options.integer || Number.isInteger(value));
    if (!ok)
      problems.push(
        `${path}: expected ${options.integer ? 'an integer' : 'a number'} >= ${min}${options.max === undefined ? '' : ` and <= ${options.max}`}, got ${JSON.stringify(value)}`,
      );
  };
}

const string: Check = (value, path, problems) => {
  if (typeof value !== 'string' || value === '') problems.push(`${path}: expected a non-empty string, got ${JSON.stringify(value)}`);
};
const boolean: Check = (value, path, problems) => {
  if (typeof value !== 'boolean') problems.push(`${path}: expected true or false, got ${JSON.stringify(value)}`);
};
const duration: Check = (value, path, problems) => {
  try {
    if (typeof value !== 'string') throw new RangeError(`expected a duration string like '30s', got ${JSON.stringify(value)}`);
    if (parseDuration(value) <= 0) throw new RangeError(`duration must be above 0, got "${value}"`);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
  }
};
/** '40%' of the run, or a duration. */
const moment: Check = (value, path, problems) => {
  if (typeof value === 'string' && /^\d+(\.\d+)?%$/.test(value) && Number.parseFloat(value) <= 100) return;
  duration(value, path, problems);
};

function list(item: Check, minLength = 1): Check {
  return (value, path, problems) => {
    if (!Array.isArray(value) || value.length < minLength)
      return void problems.push(`${path}: expected a list of at least ${minLength}, got ${JSON.stringify(value)}`);
    value.forEach((entry, index) => item(entry, `${path}[${index}]`, problems));
  };
}

const MAX_BODY = 4 * 1024 * 1024;
const size: Check = (value, path, problems) => {
  if (typeof value === 'number') return number(1, { integer: true, max: MAX_BODY })(value, path, problems);
  list(object({ size: number(1, { integer: true, max: MAX_BODY }), weight: number(0) }, ['size', 'weight']))(value, path, problems);
};

const stage = object({ duration, target: number(0) }, ['duration', 'target']);
const vuLimits = { preAllocatedVUs: number(1, { integer: true }), maxVUs: number(1, { integer: true }) };
const EXECUTORS: Readonly<Record<string, Check>> = {
  'constant-arrival-rate': object({ executor: string, rate: number(0), timeUnit: duration, duration, ...vuLimits }, ['rate', 'duration']),
  'ramping-arrival-rate': object({ executor: string, startRate: number(0), timeUnit: duration, stages: list(stage), ...vuLimits }, [
    'stages',
  ]),
  'constant-vus': object({ executor: string, vus: number(1, { integer: true }), duration }, ['vus', 'duration']),
  'ramping-vus': object({ executor: string, startVUs: number(0, { integer: true }), stages: list(stage) }, ['stages']),
};
const executor: Check = (value, path, problems) => {
  const name = isRecord(value) ? value['executor'] : undefined;
  const check = typeof name === 'string' ? EXECUTORS[name] : undefined;
  if (check === undefined)
    return void problems.push(`${path}.executor: expected one of ${EXECUTOR_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  check(value, path, problems);
};

const thresholds: Check = (value, path, problems) => {
  if (!isRecord(value)) return void problems.push(`${path}: expected { metric: ['expression', ...] }`);
  for (const [metric, expressions] of Object.entries(value)) {
    if (!THRESHOLD_METRICS.includes(metric)) problems.push(`${path}.${metric}: unknown metric (known: ${THRESHOLD_METRICS.join(', ')})`);
    else if (!Array.isArray(expressions)) problems.push(`${path}.${metric}: expected a list of expressions like 'p(99)<20'`);
    else
      expressions.forEach((expression, index) => {
        try {
          parseThreshold(metric, expression);
        } catch (error) {
          problems.push(`${path}.${metric}[${index}]: ${(error as Error).message}`);
        }
      });
  }
};

const scenario = object(
  {
    description: string,
    topic: string,
    queues: number(1, { integer: true, max: 1024 }),
    executor,
    thresholds,
    message: object({ size, keys: boolean, tags: list(string) }),
    producers: number(1, { integer: true, max: 64 }),
    consumers: object({ count: number(0, { integer: true, max: 64 }), orderly: boolean, maxRate: number(1) }),
    drainTimeout: duration,
    kneeP99Ms: number(0),
    failover: object({ at: moment, brokerName: string }, ['at']),
    sendTimeoutMs: number(1, { integer: true }),
  },
  ['description', 'topic', 'executor'],
);

/** Checks what a scenario file exports; throws OptionsError listing every bad key at once. */
export function validateScenarioOptions(value: unknown, name: string): ScenarioOptions {
  const problems: string[] = [];
  scenario(value, name, problems);
  if (problems.length > 0) throw new OptionsError(problems);
  return value as ScenarioOptions;
}
