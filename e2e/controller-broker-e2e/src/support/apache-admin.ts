import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { JAVA_BIN, suiteTempDir } from '@rocketmq-ts/testing';

const run = promisify(execFile);

/** Apache's mqadmin (tools/interop/java/bin/run-admin.sh) with `args`; resolves to its stdout. */
export async function apacheAdmin(args: readonly string[]): Promise<string> {
  const home = suiteTempDir('apache-admin');
  const { stdout } = await run(`${JAVA_BIN}/run-admin.sh`, [...args], { env: { ...process.env, CLIENT_HOME: home.path }, timeout: 90_000 });
  return stdout;
}
