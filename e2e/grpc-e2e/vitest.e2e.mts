// The gRPC endpoint end to end: the official Node client (rocketmq-client-nodejs from npm) against
// our name server and broker as processes, with our remoting client on the other side and a
// SIGKILL of the broker. `nx run grpc-e2e:e2e` (CI runs it), not `npm test`.
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/grpc-e2e', serial: true, testTimeoutMs: 180_000, include: ['src/**/*.e2e.spec.ts'] }),
  {
    test: { hookTimeout: 180_000, teardownTimeout: 60_000 },
  },
);
