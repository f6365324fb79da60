import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the wire and process specs open sockets and spawn processes; 2 shared cores.
export default projectTestConfig({ projectRoot: 'apps/broker', serial: true, testTimeoutMs: 30_000 });
