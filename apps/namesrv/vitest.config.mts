import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the wire and process specs open sockets and spawn the namesrv; 2 shared cores.
export default projectTestConfig({ projectRoot: 'apps/namesrv', serial: true, testTimeoutMs: 30_000 });
