// Master/slave replication with real processes started from conf/<mode>/*.properties: SIGKILL a
// master under SYNC_MASTER and ASYNC_MASTER, an empty slave catching up, a slave killed and
// restarted, and `npm start`'s launcher. One file at a time (each runs up to five servers on a
// shared machine). Named vitest.e2e.mts so the Nx vitest plugin does not make it a `test` target;
// run `nx run ha-e2e:e2e`. Figures go to stdout and tmp/ha-e2e/figures.json.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/ha-e2e', serial: true, testTimeoutMs: 240_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 120_000, teardownTimeout: 60_000 } },
);
