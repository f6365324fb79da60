// console-api over HTTP and the web UI in a real Chromium, against a real local cluster
// (docs/console.md#tests). Named vitest.e2e.mts so that `npm test` does not run it.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/console-e2e', serial: true, testTimeoutMs: 180_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 240_000, teardownTimeout: 60_000 } },
);
