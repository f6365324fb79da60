import { projectTestConfig } from '../vitest.shared.mjs';

// Unit specs only (executors on a fake clock, thresholds, summary, options); the runs against a
// real cluster live in e2e/loadtests-e2e.
export default projectTestConfig({ projectRoot: 'loadtests', serial: false, testTimeoutMs: 30_000 });
