import { javaLines, type JavaRun } from '@rocketmq-ts/testing';

export { type JavaRun, runJava } from '@rocketmq-ts/testing';

/** Every `SEND {json}` line of an InteropProducer run. */
export function sendLines(run: JavaRun): Array<Readonly<Record<string, unknown>>> {
  return javaLines(run, 'SEND');
}

export function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`${what}: expected a string array, got ${JSON.stringify(value)}`);
  return value as string[];
}

export function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what}: expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
