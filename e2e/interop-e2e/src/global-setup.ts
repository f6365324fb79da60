import { execFileSync } from 'node:child_process';

import { JAVA_SETUP_SCRIPT, namesrvUnderTest } from './support/paths';

/** Builds the Java harness once per run (idempotent and quick when nothing changed). */
export default function setup(): void {
  process.stderr.write(`interop-e2e: name server under test = ${namesrvUnderTest()}\n`);
  execFileSync('bash', [JAVA_SETUP_SCRIPT], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
}
