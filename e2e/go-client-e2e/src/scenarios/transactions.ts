import { expect, it } from 'vitest';

import { successes, waitForBodies } from '../support/consumption';
import { bodiesFor } from '../support/go-commands';
import { eventsOf } from '../support/driver-events';
import { runGoDriver } from '../support/go-driver';
import { newScenario, startSoleConsumer } from '../support/scenario';
import type { GoTarget } from '../support/targets';

const QUEUES = 2;
const COUNT = 9;
/** Long enough for the broker's first check of an undecided transaction (6 s timeout, 5 s interval) and its answer. */
const LINGER = '25s';

/** The Go client's TransactionProducer (docs/transactions.md). */
export function transactionScenarios(target: () => GoTarget): void {
  it('transaction producer: commits consumed once, rollbacks never, unknown ones committed by the check', async () => {
    const scenario = await newScenario(target(), 'tx', QUEUES);
    const { cluster, topic } = scenario;
    const consumer = await startSoleConsumer(scenario);
    const events = await runGoDriver(
      'transact',
      ['transact', '-n', cluster.namesrvAddr, '-t', topic, '-count', String(COUNT), '-prefix', 'tx', '-linger', LINGER],
      120_000,
    );
    const sent = eventsOf(events, 'tx-sent');
    expect(sent.map((event) => event.body)).toEqual(bodiesFor('tx', COUNT));
    const delivered = sent.filter((event) => event.decision !== 'rollback').map((event) => event.body);
    await waitForBodies([consumer], delivered, { timeoutMs: 60_000, reason: 'every committed and checked transaction consumed' });

    const consumed = successes(consumer)
      .map((event) => event.body)
      .sort();
    expect(consumed).toEqual([...delivered].sort());
    const checked = [...new Set(eventsOf(events, 'checked').map((event) => event.body))].sort();
    expect(checked).toEqual(
      sent
        .filter((event) => event.decision === 'unknown')
        .map((event) => event.body)
        .sort(),
    );
  });
}
