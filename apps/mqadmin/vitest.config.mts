import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the wire specs start a real name server and broker and run bin/mqadmin against them; 2 shared cores.
export default projectTestConfig({ projectRoot: 'apps/mqadmin', serial: true, testTimeoutMs: 60_000 });
