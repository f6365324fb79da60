import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { JAVA_INTEROP_DIR } from '@rocketmq-ts/testing';

/** Builds the Java harness once per run (idempotent and quick when nothing changed). */
export default function setup(): void {
  execFileSync('bash', [resolve(JAVA_INTEROP_DIR, 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
}
