// Our TypeScript client against two brokers: ours (bin/mqbroker) and Apache RocketMQ 5.3.3 from Maven
// Central. Real processes, one file at a time; `nx run client-e2e:e2e` (CI runs it), not `npm test`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/client-e2e', serial: true, testTimeoutMs: 180_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 240_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
