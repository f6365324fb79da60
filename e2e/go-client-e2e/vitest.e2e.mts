// The official Go client (github.com/apache/rocketmq-client-go/v2, built by tools/interop/go) against
// our 2m-2s-sync cluster and against Apache RocketMQ 5.3.3. Real processes, one file at a time;
// `nx run go-client-e2e:e2e` (CI runs it), not `npm test`. Named vitest.e2e.mts so the Nx vitest
// plugin does not make it a `test` target.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/go-client-e2e', serial: true, testTimeoutMs: 120_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 300_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
