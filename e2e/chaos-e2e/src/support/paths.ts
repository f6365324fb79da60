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
export const NAMESRV_BIN = resolve(WORKSPACE_ROOT, 'bin/mqnamesrv');
export const BROKER_BIN = resolve(WORKSPACE_ROOT, 'bin/mqbroker');
