/**
 * `npx nx run bench:timer [-- --count=30000 --delay-ms=20000 --brokers=ours,apache]`: timer-message
 * throughput of our broker and of Apache RocketMQ 5.3.3 (timerWheelEnable=true) on this machine in
 * one run, driven by the same Java program (tools/interop/java TimerProducer, official client).
 * For each broker, one at a time, with a fresh name server and store:
 *
 *   scheduled: `count` timer messages sent asynchronously (64 in flight), all due `delay-ms` after
 *              the first send: messages/s = count / time to send them all (the timer send path:
 *              hook, staging put, enqueue into the timer store behind it);
 *   delivered: once due, the time from the first to the last of them appearing in the real topic
 *              (GET_TOPIC_STATS_INFO every 50 ms): messages/s = count / that time (one slot
 *              delivered as fast as the broker can put).
 *
 * Prints a table and asserts nothing (tools/bench/README.md).
 */
import {
  createTopic,
  processes,
  runJava,
  startApacheBroker,
  startLocalBroker,
  startLocalNamesrv,
  storedMessageCount,
} from '@rocketmq-ts/testing';

type BrokerKind = 'ours' | 'apache';

const POLL_MS = 50;

interface Options {
  readonly count: number;
  readonly delayMs: number;
  readonly brokers: readonly BrokerKind[];
}

interface Row {
  readonly broker: BrokerKind;
  readonly sent: number;
  readonly scheduledPerS: number;
  readonly delivered: number;
  readonly deliveredPerS: number;
  readonly firstLateMs: number;
  readonly lastLateMs: number;
}

function parseOptions(argv: readonly string[]): Options {
  const flags = new Map(argv.filter((arg) => arg.startsWith('--')).map((arg) => arg.slice(2).split(/=(.*)/s, 2) as [string, string]));
  const brokers = (flags.get('brokers') ?? 'ours,apache')
    .split(',')
    .filter((name): name is BrokerKind => name === 'ours' || name === 'apache');
  return { count: Number(flags.get('count') ?? 30_000), delayMs: Number(flags.get('delay-ms') ?? 20_000), brokers };
}

async function startBroker(kind: BrokerKind, namesrvAddr: string, brokerName: string): Promise<{ addr: string; remove: () => void }> {
  const broker =
    kind === 'ours'
      ? await startLocalBroker({ label: 'bench-timer-ours', namesrvAddr, brokerName, bootTimeoutMs: 120_000 })
      : await startApacheBroker({ namesrvAddr, brokerName, conf: { timerWheelEnable: 'true' }, label: 'bench-timer-apache' });
  return { addr: broker.addr, remove: () => broker.dir.remove() };
}

async function sendTimerMessages(
  namesrvAddr: string,
  topic: string,
  options: Options,
): Promise<{ start: number; sentMs: number; sendOk: number }> {
  const args = [
    '-n',
    namesrvAddr,
    '-t',
    topic,
    '-c',
    String(options.count),
    '--delay-ms',
    String(options.delayMs),
    '--spread-ms',
    '0',
    '--in-flight',
    '64',
  ];
  const run = await runJava('TimerProducer', args, options.delayMs + 120_000);
  const { start, sentMs, sendOk } = run.summary;
  if (typeof start !== 'number' || typeof sentMs !== 'number' || typeof sendOk !== 'number')
    throw new Error(`TimerProducer printed no usable summary: ${JSON.stringify(run.summary)}`);
  return { start, sentMs, sendOk };
}

async function measure(kind: BrokerKind, options: Options): Promise<Row> {
  const namesrv = await startLocalNamesrv({ label: 'bench-timer-namesrv' });
  const brokerName = `bench-timer-${kind}`;
  const broker = await startBroker(kind, namesrv.addr, brokerName);
  try {
    const topic = `BenchTimer_${kind}_${Date.now()}`;
    await createTopic({ brokerAddr: broker.addr, brokerName, namesrvAddrs: [namesrv.addr] }, topic, 4);
    const sent = await sendTimerMessages(namesrv.addr, topic, options);
    const dueAt = sent.start + options.delayMs;
    let firstSeenAt: number | undefined;
    let delivered = 0;
    const deadline = dueAt + 120_000;
    while (delivered < sent.sendOk && Date.now() < deadline) {
      delivered = await storedMessageCount(broker.addr, topic).catch(() => delivered);
      if (delivered > 0) firstSeenAt ??= Date.now();
      if (delivered < sent.sendOk) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const lastSeenAt = Date.now();
    // The poll's resolution bounds the shortest delivery window that can be told apart.
    const deliverSeconds = Math.max(POLL_MS, lastSeenAt - (firstSeenAt ?? lastSeenAt)) / 1000;
    return {
      broker: kind,
      sent: sent.sendOk,
      scheduledPerS: Math.round(sent.sendOk / (sent.sentMs / 1000)),
      delivered,
      deliveredPerS: Math.round(delivered / deliverSeconds),
      firstLateMs: firstSeenAt === undefined ? Number.NaN : firstSeenAt - dueAt,
      lastLateMs: lastSeenAt - dueAt,
    };
  } finally {
    await processes.stopAll({ graceMs: 10_000 });
    broker.remove();
    namesrv.dir.remove();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const rows: Row[] = [];
  for (const kind of options.brokers) rows.push(await measure(kind, options));
  process.stdout.write(`\ntimer throughput: ${options.count} messages due ${options.delayMs} ms after the first send (one slot)\n`);
  process.stdout.write('broker  | sent    | scheduled msg/s | delivered | delivered msg/s | first / last after due (ms)\n');
  for (const row of rows) {
    process.stdout.write(
      `${row.broker.padEnd(7)} | ${String(row.sent).padEnd(7)} | ${String(row.scheduledPerS).padEnd(15)} | ${String(row.delivered).padEnd(9)} | ${String(row.deliveredPerS).padEnd(15)} | ${row.firstLateMs} / ${row.lastLateMs}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
