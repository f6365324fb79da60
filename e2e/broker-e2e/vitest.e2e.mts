// Real clients (ali-ons, the official Java client) against our namesrv and broker as real
// processes: one file at a time, generous bounds. Named vitest.e2e.mts so the Nx vitest plugin does
// not make it a `test` target; run `nx run broker-e2e:e2e`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/broker-e2e', serial: true, testTimeoutMs: 300_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 300_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
