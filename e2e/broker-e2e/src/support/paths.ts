import { resolve } from 'node:path';

import { JAVA_INTEROP_DIR } from '@rocketmq-ts/testing';

export { BROKER_BIN, NAMESRV_BIN, WORKSPACE_ROOT } from '@rocketmq-ts/testing';
export const JAVA_SETUP_SCRIPT = resolve(JAVA_INTEROP_DIR, 'setup.sh');
export { JAVA_BIN } from '@rocketmq-ts/testing';
