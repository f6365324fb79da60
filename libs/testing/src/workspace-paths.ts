import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The nearest folder at or above `start` holding nx.json: where bin/ and tools/ live. */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json at or above ${start}`);
  }
}

/** Suites start real processes through the same scripts a user runs. */
export const WORKSPACE_ROOT = findWorkspaceRoot();
export const NAMESRV_BIN = resolve(WORKSPACE_ROOT, 'bin/mqnamesrv');
export const BROKER_BIN = resolve(WORKSPACE_ROOT, 'bin/mqbroker');
/** The Maven project that runs the official Java client and the Apache broker. */
export const JAVA_INTEROP_DIR = resolve(WORKSPACE_ROOT, 'tools/interop/java');
/** The Go module that builds a driver program around the official Go client. */
export const GO_INTEROP_DIR = resolve(WORKSPACE_ROOT, 'tools/interop/go');
