// Our controller-mode brokers under Apache RocketMQ's 5.3.3 controller (DLedger), with Apache's
// Java producer, consumer and mqadmin; the same scenario with Apache's brokers as the reference.
// One file at a time (each runs a JVM controller plus three brokers). Named vitest.e2e.mts so
// the Nx vitest plugin does not make it a `test` target; run `nx run controller-broker-e2e:e2e`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/controller-broker-e2e', serial: true, testTimeoutMs: 600_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 180_000, teardownTimeout: 60_000 } },
);
