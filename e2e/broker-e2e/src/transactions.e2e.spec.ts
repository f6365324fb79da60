import { describe, expect, it } from 'vitest';

import {
  createTempDir,
  type ManagedProcess,
  restartApacheBroker,
  restartLocalBroker,
  spawnProcess,
  startApacheBroker,
  startLocalBroker,
  startLocalNamesrv,
  waitForMaster,
  withLogsOnFailure,
} from '@rocketmq-ts/testing';

import { type JavaRun, record } from './support/java-client';
import { JAVA_BIN } from './support/paths';
import { unique, useProcessHygiene } from './support/suite-hooks';

// The official Java client's TransactionMQProducer (tools/interop/java InteropTransactions) against
// our broker and against Apache RocketMQ 5.3.3 with the same keys, so a failure is known to be ours
// (docs/transactions.md): commits delivered exactly once, rollbacks never, an UNKNOW answer decided
// by the check-back, and all of it through a broker SIGKILL between prepare and commit (SYNC_FLUSH).
// transactionTimeOut stays at its 6 s default: Apache writes op records in batches every 3 s
// (transactionOpBatchInterval), so a shorter timeout makes Apache check, and re-commit, transactions
// it has already decided. Checks run every second so an UNKNOW is resolved quickly.
const TRANSACTION_KEYS = { flushDiskType: 'SYNC_FLUSH', transactionTimeOut: '6000', transactionCheckInterval: '1000' };
const KINDS = ['ours', 'apache'] as const;

interface TxBroker {
  readonly process: ManagedProcess;
  restart(): Promise<TxBroker>;
}

async function startTxBroker(kind: (typeof KINDS)[number], namesrvAddr: string): Promise<TxBroker> {
  const brokerName = unique(`tx_${kind}`);
  if (kind === 'ours') {
    const wrap = (broker: Awaited<ReturnType<typeof startLocalBroker>>): TxBroker => ({ process: broker.process, restart: async () => wrap(await restartLocalBroker(broker, { logFile: true })) });
    const broker = await startLocalBroker({ label: 'tx-ours', namesrvAddr, brokerName, settings: TRANSACTION_KEYS, logFile: true });
    await waitForMaster(namesrvAddr, brokerName, broker.addr);
    return wrap(broker);
  }
  const wrap = (broker: Awaited<ReturnType<typeof startApacheBroker>>): TxBroker => ({ process: broker.process, restart: async () => wrap(await restartApacheBroker(broker)) });
  const broker = await startApacheBroker({ namesrvAddr, brokerName, conf: TRANSACTION_KEYS, label: 'tx-apache' });
  await waitForMaster(namesrvAddr, brokerName, broker.addr);
  return wrap(broker);
}

/** InteropTransactions as a child, so a test can act while it runs (kill the broker mid-transaction). */
function startTransactions(args: readonly string[]): { readonly child: ManagedProcess; finished(timeoutMs: number): Promise<JavaRun> } {
  const home = createTempDir('broker-e2e-tx-java');
  const child = spawnProcess({ name: 'java InteropTransactions', command: `${JAVA_BIN}/run-client.sh`, args: ['InteropTransactions', ...args], env: { CLIENT_HOME: home.path }, logFile: true });
  return {
    child,
    async finished(timeoutMs) {
      try {
        const exit = await child.waitForExit({ timeoutMs, reason: 'InteropTransactions finished' });
        const lines = child.lines().map((line) => line.text);
        const summaryLine = lines.find((line) => line.startsWith('SUMMARY '));
        if (summaryLine === undefined) throw new Error(`InteropTransactions exited with ${JSON.stringify(exit)} and no SUMMARY line\n${child.tail(40)}`);
        return { exitCode: exit.code, summary: JSON.parse(summaryLine.slice('SUMMARY '.length)) as Record<string, unknown>, lines };
      } finally {
        home.remove();
      }
    },
  };
}

/** Deliveries per key must be exactly 1 for every key that was not rolled back, and 0 for the rest. */
function expectExactlyOnce(run: JavaRun): void {
  const decisions = record(run.summary['decisions'], 'decisions');
  const deliveries = record(run.summary['deliveries'], 'deliveries');
  const expected = Object.fromEntries(Object.entries(decisions).filter(([, decision]) => decision !== 'rollback').map(([key]) => [key, 1]));
  expect(deliveries).toEqual(expected);
}

describe.each(KINDS)('Broker > e2e > Java TransactionMQProducer (%s broker)', (kind) => {
  useProcessHygiene();

  it('delivers commits once, never rollbacks, and decides UNKNOW by the check-back', async () => {
    await withLogsOnFailure(async () => {
      const namesrv = await startLocalNamesrv({ label: 'tx-namesrv', logFile: true });
      await startTxBroker(kind, namesrv.addr);
      const topic = unique('tx_topic');
      const run = await startTransactions(['-n', namesrv.addr, '-t', topic, '-g', unique('tx_group'), '-c', '9', '--decisions', 'commit,rollback,unknown', '--timeout-ms', '90000']).finished(150_000);
      expect(run.summary['complete']).toBe(true);
      expectExactlyOnce(run);
      // Every UNKNOW transaction was checked back (at least once) and only those.
      const decisions = record(run.summary['decisions'], 'decisions');
      const checked = Object.keys(record(run.summary['checks'], 'checks')).sort();
      expect(checked).toEqual(Object.keys(decisions).filter((key) => decisions[key] === 'unknown').sort());
    });
  });

  it('keeps a transaction whose broker is SIGKILLed between prepare and commit: delivered once after restart', async () => {
    await withLogsOnFailure(async () => {
      const namesrv = await startLocalNamesrv({ label: 'tx-namesrv', logFile: true });
      const broker = await startTxBroker(kind, namesrv.addr);
      const topic = unique('tx_kill_topic');
      const transactions = startTransactions(['-n', namesrv.addr, '-t', topic, '-g', unique('tx_kill_group'), '-c', '3', '--decisions', 'commit', '--hold-first-ms', '15000', '--timeout-ms', '120000']);
      // The first local transaction has started: its half message is stored (SYNC_FLUSH) and the commit not yet sent.
      await transactions.child.waitForOutput(/^LOCAL .*-0"/, { timeoutMs: 90_000, reason: 'the first local transaction running' });
      broker.process.kill('SIGKILL');
      await broker.process.waitForExit({ timeoutMs: 30_000, reason: 'the SIGKILLed broker gone' });
      await broker.restart();
      const run = await transactions.finished(180_000);
      expect(run.summary['complete']).toBe(true);
      expectExactlyOnce(run);
    });
  });
});
