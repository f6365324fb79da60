// Timer messages end to end: the official Java client (5.3.x) against our broker and against
// Apache RocketMQ 5.3.3 (timerWheelEnable=true), with a SIGKILL mid-delivery. Real processes, one
// file at a time; `nx run timer-e2e:e2e` (CI runs it), not `npm test`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/timer-e2e', serial: true, testTimeoutMs: 420_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 240_000, teardownTimeout: 60_000, globalSetup: ['src/global-setup.ts'] } },
);
