import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { GO_INTEROP_DIR, JAVA_INTEROP_DIR } from '@rocketmq-ts/testing';

/**
 * Builds the Go driver and the Apache RocketMQ jars once per run (quick when nothing changed), and
 * prints the suite's own wall time at the end, boot and build included, so that a CI log shows
 * what the suite costs.
 */
export default function setup(): () => void {
  const started = Date.now();
  execFileSync('bash', [resolve(GO_INTEROP_DIR, 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
  execFileSync('bash', [resolve(JAVA_INTEROP_DIR, 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
  return () => {
    process.stderr.write(`go-client-e2e: suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  };
}
