import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function findWorkspaceRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(resolve(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${start}`);
    dir = parent;
  }
}

export const WORKSPACE_ROOT = findWorkspaceRoot(process.cwd());
export const JAVA_DIR = resolve(WORKSPACE_ROOT, 'tools/interop/java');
export const JAVA_SETUP_SCRIPT = resolve(JAVA_DIR, 'setup.sh');
export const JAVA_BIN = resolve(JAVA_DIR, 'bin');
/** bin/mqnamesrv, or INTEROP_NAMESRV_BIN (e.g. a built launcher) if set. */
export const OUR_NAMESRV_BIN = process.env['INTEROP_NAMESRV_BIN'] ?? resolve(WORKSPACE_ROOT, 'bin/mqnamesrv');

/**
 * `ours` (default): bin/mqnamesrv. `apache`: the Apache namesrv, to check the suites themselves
 * (run with INTEROP_NAMESRV=apache).
 */
export function namesrvUnderTest(): 'ours' | 'apache' {
  return process.env['INTEROP_NAMESRV'] === 'apache' ? 'apache' : 'ours';
}
