// Preloaded (NODE_OPTIONS=--require) into every server start-local.mjs starts. The launcher keeps
// the write end of the server's stdin open and never writes to it; when the launcher is gone,
// even after a SIGKILL that let it clean nothing up, the pipe closes and the server stops itself as
// SIGTERM would stop it (the children run in their own process groups, so nothing else reaches them).
'use strict';

/** As long as the launcher gives a process to stop on SIGTERM before it SIGKILLs it. */
const HARD_STOP_MS = 15_000;

if (process.env.START_LOCAL_PARENT_PIPE === '1') {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Nothing reads stdout/stderr any more: a failed write must not turn the clean stop into a crash.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    // A shutdown that blocks on the closed pipe (seen: the main thread stuck in a write flush) is
    // ended from a worker, which keeps running while the main thread is blocked.
    const { Worker } = require('node:worker_threads');
    new Worker(`setTimeout(() => process.kill(${process.pid}, 'SIGKILL'), ${HARD_STOP_MS})`, { eval: true }).unref();
    process.kill(process.pid, 'SIGTERM');
  };
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
