import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the producer specs start a real name server and broker as child processes.
export default projectTestConfig({ projectRoot: 'libs/client', serial: true, testTimeoutMs: 30_000 });
