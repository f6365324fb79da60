// CI smoke of loadtests/: every shipped scenario for ~10 s against real name server and broker
// processes (failover against `npm start -- --mode 2m-2s-sync`), the exit codes and the summary
// JSON. One file at a time; `nx run loadtests-e2e:e2e` (CI runs it), not `npm test`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/loadtests-e2e', serial: true, testTimeoutMs: 180_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 240_000, teardownTimeout: 60_000 } },
);
