// Crash and corruption faults against our namesrv and broker as real processes: SIGKILL mid-send
// under SYNC_FLUSH and ASYNC_FLUSH, and a torn commit-log tail. One file at a time (each one
// restarts a broker many times on 2 cores); generous bounds. Named vitest.e2e.mts so the Nx
// vitest plugin does not make it a `test` target; run `nx run chaos-e2e:e2e`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/chaos-e2e', serial: true, testTimeoutMs: 300_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 120_000, teardownTimeout: 60_000 } },
);
