// Controller mode with real processes: Apache RocketMQ 5.3.3 brokers in controller mode against
// our controller (and, as the reference, Apache's), a Java producer, SIGKILL of the master, and
// the mqadmin controller commands. One file at a time. Named vitest.e2e.mts so the Nx vitest plugin
// does not make it a `test` target; run `nx run controller-e2e:e2e`. Figures go to stdout.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/controller-e2e', serial: true, testTimeoutMs: 300_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 120_000, teardownTimeout: 60_000 } },
);
