import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the wire specs start a namesrv and a broker; 2 shared cores.
export default projectTestConfig({ projectRoot: 'apps/console-api', serial: true, testTimeoutMs: 60_000 });
