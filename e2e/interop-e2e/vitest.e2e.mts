// Interop suites start real processes (our namesrv, the Apache broker, Java clients), so they run one
// file at a time with generous bounds. Named vitest.e2e.mts, not vitest.config.mts, so that the Nx
// vitest plugin does not turn it into a `test` target: `npm test` stays fast; run `nx run interop-e2e:e2e`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/interop-e2e', serial: true, testTimeoutMs: 240_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 300_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
