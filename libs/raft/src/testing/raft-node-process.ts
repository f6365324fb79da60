// A Raft member as its own process, for the SIGKILL spec: `node -r @swc-node/register raft-node-process.ts '<json options>'`.
// Prints one JSON line per status change and per proposal outcome; reads `propose <text>` lines on stdin.
import { createInterface } from 'node:readline';

import { silentLogger } from '@rocketmq-ts/base';

import { createRaftNode, type RaftPeer } from '../create-raft-node';
import { ListStateMachine } from './list-state-machine';

const config = JSON.parse(process.argv[2] ?? '{}') as { id: string; peers: RaftPeer[]; dataDir: string };
const machine = new ListStateMachine();
const node = createRaftNode({
  ...config,
  electionTimeoutMs: [150, 300],
  heartbeatIntervalMs: 40,
  snapshotEveryEntries: 4,
  logger: silentLogger,
  stateMachine: machine,
});
const report = (): void => console.log(JSON.stringify({ status: node.status(), items: machine.items }));
node.onStatusChange(report);
setInterval(report, 50);
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.replace(/^propose /, '');
  void node.propose(Buffer.from(command)).then((outcome) => console.log(JSON.stringify({ command, outcome })));
});
void node.start();
