import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { JAVA_INTEROP_DIR } from '@rocketmq-ts/testing';

/** Fetches and builds the Apache RocketMQ jars once per run (quick when nothing changed). */
export default function setup(): void {
  execFileSync('bash', [resolve(JAVA_INTEROP_DIR, 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
}
