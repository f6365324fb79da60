import { projectTestConfig } from '../../vitest.shared.mjs';

// The TCP and child-process specs bind ports and spawn nodes: one file at a time.
export default projectTestConfig({ projectRoot: 'libs/raft', serial: true, testTimeoutMs: 60_000 });
