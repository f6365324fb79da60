import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the wire and process specs open sockets and spawn the controller; 2 shared cores.
export default projectTestConfig({ projectRoot: 'apps/controller', serial: true, testTimeoutMs: 30_000 });
