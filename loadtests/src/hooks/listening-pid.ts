import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * The pid of the process listening on TCP `port`, read from /proc as `ss -ltnp` does, so the
 * failover hook needs no iproute2: the runner's container image has Node and nothing else.
 *
 * /proc/net/tcp{,6} name the listening socket's inode (state 0A = LISTEN); the owner is the
 * process with an fd linking to `socket:[inode]`. Only processes whose fds this user may read are
 * seen (the brokers run as the same user, on the host and in the compose stack, where the
 * `loadtest` service shares the host's pid namespace for exactly this).
 */
export async function listeningPid(port: number, proc = '/proc'): Promise<number | undefined> {
  // The kernel lists /proc/net/tcp page by page without a snapshot: while other sockets open and
  // close, a read can skip a row. A listener not seen is looked for again before giving up.
  for (let attempt = 0; attempt < READS; attempt += 1) {
    const inodes = await listeningInodesOf(port, proc);
    if (inodes.size > 0) return ownerOf(inodes, proc);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

const READS = 4;

async function listeningInodesOf(port: number, proc: string): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['net/tcp', 'net/tcp6']) {
    const text = await readFile(`${proc}/${table}`, 'utf8').catch(() => '');
    for (const inode of listeningInodes(text, port)) inodes.add(inode);
  }
  return inodes;
}

async function ownerOf(inodes: ReadonlySet<string>, proc: string): Promise<number | undefined> {
  for (const entry of await readdir(proc)) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`${proc}/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`${proc}/${entry}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined && inodes.has(inode)) return Number(entry);
    }
  }
  return undefined;
}

const LISTEN = '0A';

/** Inodes of the LISTEN sockets on `port` in one /proc/net/tcp table (header line first). */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    const local = fields[1];
    if (local === undefined || fields[3] !== LISTEN) continue;
    const localPort = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    const inode = fields[9];
    if (localPort === port && inode !== undefined && inode !== '0') inodes.push(inode);
  }
  return inodes;
}
