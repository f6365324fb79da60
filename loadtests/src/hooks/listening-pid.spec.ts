import { spawn } from 'node:child_process';
import { once } from 'node:events';

import { describe, expect, it } from 'vitest';

import { listeningInodes, listeningPid } from './listening-pid';

describe('listeningPid', () => {
  it('finds the child process listening on a port through /proc, and nobody on a closed one', async () => {
    const script = "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port));";
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const port = Number(line.toString().trim());
      expect(await listeningPid(port)).toBe(child.pid);
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(await listeningPid(port)).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('reads LISTEN rows only, in hex, from a /proc/net/tcp table', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:2AAF 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:2AAF 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:2694 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4444 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 10927)).toEqual(['4242']);
    expect(listeningInodes(table, 9876)).toEqual(['4444']);
    expect(listeningInodes(table, 80)).toEqual([]);
  });
});
