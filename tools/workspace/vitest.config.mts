import { projectTestConfig } from '../../vitest.shared.mjs';

export default projectTestConfig({ projectRoot: 'tools/workspace', testTimeoutMs: 120_000 });
