import type { RunningJava } from '@rocketmq-ts/testing';

export interface SendLine {
  readonly key: string;
  readonly status: string;
  readonly broker: string;
}

/** The SEND lines a running InteropProducer printed so far (every answered send). */
export function sendLines(run: RunningJava): SendLine[] {
  return run.child
    .lines()
    .filter((line) => line.text.startsWith('SEND {'))
    .map((line) => JSON.parse(line.text.slice('SEND '.length)) as SendLine);
}
