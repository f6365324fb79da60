// `npm start` (tools/scripts/start-local.mjs) as a user runs it: real processes SIGKILLed under
// real clients (ali-ons, the official Java client), its output, and servers started by hand side
// by side. One file at a time (a 2m-2s-sync cluster is six servers on a shared machine). Named
// vitest.e2e.mts so the Nx vitest plugin does not make it a `test` target; run `nx run launcher-e2e:e2e`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/launcher-e2e', serial: true, testTimeoutMs: 300_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 120_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
