import { execFileSync } from 'node:child_process';

import { JAVA_SETUP_SCRIPT } from './support/paths';

/** Builds the Java harness once per run (idempotent and quick when nothing changed). */
export default function setup(): void {
  execFileSync('bash', [JAVA_SETUP_SCRIPT], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
}
