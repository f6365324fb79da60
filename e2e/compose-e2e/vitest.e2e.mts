// `docker compose up` of compose/compose.yaml as a user runs it: real containers (images built
// offline by tools/docker), real Prometheus, the official Java client and ali-ons on the host,
// SIGKILL through `docker kill`. One file, its tests in order (each builds on the stack the one
// before left). `nx run compose-e2e:e2e` (CI runs it; it builds the images first), not `npm test`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/compose-e2e', serial: true, testTimeoutMs: 240_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 180_000, teardownTimeout: 120_000 } },
);
