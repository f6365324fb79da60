import type { Command } from '../cli/command';
import { renderFields, renderTable } from '../cli/table';
import { UsageError } from '@rocketmq-ts/config';

export const clusterList: Command = {
  name: 'clusterList',
  summary: 'List clusters and their brokers with runtime figures.',
  options: [{ short: 'c', long: 'clusterName', hasArg: true, description: 'only this cluster' }],
  async run({ options, admin }) {
    const brokers = await admin().clusterList(options.string('clusterName'));
    const table = renderTable(
      ['Cluster Name', 'Broker Name', 'BID', 'Addr', 'Version', 'InTPS', 'OutTPS', 'PCWait(ms)', 'Hour', 'SPACE', 'ACTIVATED'],
      brokers.map((broker) => [
        broker.cluster,
        broker.brokerName,
        broker.brokerId,
        broker.addr,
        broker.version,
        broker.inTps.toFixed(2),
        broker.outTps.toFixed(2),
        broker.pageCacheLockTimeMs,
        broker.hoursOfMessages.toFixed(2),
        broker.diskRatio.toFixed(4),
        String(broker.active),
      ]),
    );
    const problems = brokers
      .filter((broker) => broker.error !== undefined)
      .map((broker) => `broker ${broker.addr} did not answer: ${broker.error}`);
    return { text: [table, ...problems].join('\n'), json: { brokers } };
  },
};

export const brokerStatus: Command = {
  name: 'brokerStatus',
  summary: "Print a broker's runtime status (GET_BROKER_RUNTIME_INFO).",
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'broker address, e.g. 127.0.0.1:10911' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'every broker of this cluster' },
  ],
  async run({ options, admin }) {
    const brokerAddr = options.string('brokerAddr');
    const clusterName = options.string('clusterName');
    if (brokerAddr === undefined && clusterName === undefined)
      throw new UsageError('give -b <brokerAddr> or -c <clusterName>', 'brokerStatus');
    const addrs = brokerAddr !== undefined ? [brokerAddr] : (await admin().clusterList(clusterName)).map((broker) => broker.addr);
    const brokers = [];
    for (const addr of addrs)
      brokers.push({
        brokerAddr: addr,
        runtimeInfo: Object.fromEntries([...(await admin().brokerRuntimeInfo(addr))].sort(([left], [right]) => left.localeCompare(right))),
      });
    const text = brokers
      .map((broker) => {
        const fields = renderFields(Object.entries(broker.runtimeInfo));
        return addrs.length === 1 ? fields : `${broker.brokerAddr}\n${fields}`;
      })
      .join('\n\n');
    return { text, json: brokerAddr !== undefined ? brokers[0] : { brokers } };
  },
};
