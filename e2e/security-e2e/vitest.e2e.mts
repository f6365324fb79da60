// Security suites start real processes (our namesrv and broker, Apache's broker, Java clients and
// mqadmin), so they run one file at a time. Named vitest.e2e.mts so that `npm test` stays fast;
// run `nx run security-e2e:e2e`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/security-e2e', serial: true, testTimeoutMs: 240_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 300_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
