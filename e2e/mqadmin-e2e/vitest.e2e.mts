// Apache's mqadmin against our cluster and Apache's (docs/admin.md#the-mqadmin-suite). Real
// processes, one file, generous bounds. Named vitest.e2e.mts so that `npm test` does not run it.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({
    projectRoot: 'e2e/mqadmin-e2e',
    serial: true,
    testTimeoutMs: 300_000,
    include: ['src/**/*.e2e.spec.ts', 'src/**/*.spec.ts'],
  }),
  { test: { hookTimeout: 400_000, teardownTimeout: 60_000 } },
);
