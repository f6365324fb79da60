import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

import { acceptsOn, parseProcNetTcp } from './proc-net-tcp';

const PROC = '/proc';

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function processIds(): number[] {
  return readdirSync(PROC)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The process's command line, arguments joined with spaces; '' when it is gone or hidden. */
export function commandLineOf(pid: number): string {
  return readOrEmpty(join(PROC, String(pid), 'cmdline'))
    .split('\0')
    .filter((arg) => arg.length > 0)
    .join(' ');
}

/** Whether `host` names this machine (loopback, `localhost`, or an interface address). */
export function isLocalHost(host: string): boolean {
  if (host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '0.0.0.0') return true;
  return Object.values(networkInterfaces()).some((addresses) => (addresses ?? []).some((address) => address.address === host));
}

/** Pids of the processes holding a socket that listens for `ip:port` (normally one). */
export function pidsListeningOn(ip: string, port: number): number[] {
  const host = ip === 'localhost' ? '127.0.0.1' : ip;
  const inodes = new Set(
    [...parseProcNetTcp(readOrEmpty(join(PROC, 'net/tcp'))), ...parseProcNetTcp(readOrEmpty(join(PROC, 'net/tcp6')))]
      .filter((socket) => acceptsOn(socket, host, port))
      .map((socket) => `socket:[${socket.inode}]`),
  );
  if (inodes.size === 0) return [];
  const owners: number[] = [];
  for (const pid of processIds()) {
    let links: string[];
    try {
      links = readdirSync(join(PROC, String(pid), 'fd'));
    } catch {
      continue; // gone, or not ours to look at
    }
    if (links.some((fd) => inodes.has(readLinkOrEmpty(join(PROC, String(pid), 'fd', fd))))) owners.push(pid);
  }
  return owners;
}

/** Pids whose command line contains one of `patterns` and every one of `alsoContaining`, this process excluded. */
export function pidsByCommandLine(patterns: readonly string[], alsoContaining: readonly string[] = []): number[] {
  return processIds().filter((pid) => {
    if (pid === process.pid) return false;
    const commandLine = commandLineOf(pid);
    return patterns.some((pattern) => commandLine.includes(pattern)) && alsoContaining.every((marker) => commandLine.includes(marker));
  });
}

function readLinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
