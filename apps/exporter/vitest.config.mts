import { projectTestConfig } from '../../vitest.shared.mjs';

// Serial: the wire and process specs spawn a namesrv, a broker and the exporter; 2 shared cores.
export default projectTestConfig({ projectRoot: 'apps/exporter', serial: true, testTimeoutMs: 60_000 });
