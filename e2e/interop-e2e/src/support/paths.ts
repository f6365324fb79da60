import { resolve } from 'node:path';

import { JAVA_INTEROP_DIR, NAMESRV_BIN } from '@rocketmq-ts/testing';

export { WORKSPACE_ROOT } from '@rocketmq-ts/testing';
export const JAVA_DIR = JAVA_INTEROP_DIR;
export const JAVA_SETUP_SCRIPT = resolve(JAVA_DIR, 'setup.sh');
export const JAVA_BIN = resolve(JAVA_DIR, 'bin');
/** bin/mqnamesrv, or INTEROP_NAMESRV_BIN (e.g. a built launcher) if set. */
export const OUR_NAMESRV_BIN = process.env['INTEROP_NAMESRV_BIN'] ?? NAMESRV_BIN;

/**
 * `ours` (default): bin/mqnamesrv. `apache`: the Apache namesrv, to check the suites themselves
 * (run with INTEROP_NAMESRV=apache).
 */
export function namesrvUnderTest(): 'ours' | 'apache' {
  return process.env['INTEROP_NAMESRV'] === 'apache' ? 'apache' : 'ours';
}
