// A real Prometheus (Debian's `prometheus` binary) scraping our namesrv, broker and exporter under
// load; every query of every committed dashboard must return data. Real processes, one file at a
// time; `nx run observability-e2e:e2e` (CI runs it), not `npm test`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/observability-e2e', serial: true, testTimeoutMs: 180_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 240_000, teardownTimeout: 60_000 } },
);
