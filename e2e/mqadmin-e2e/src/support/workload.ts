import { JAVA_BIN, type ManagedProcess, spawnProcess, suiteTempDir } from '@rocketmq-ts/testing';

import { GROUP, KEY_PREFIX, MESSAGES, PRODUCER_GROUP, TOPIC } from './commands';

export interface RunningWorkload {
  readonly process: ManagedProcess;
  readonly offsetMsgId: string;
  readonly firstQueueId: number;
}

interface SendLine {
  readonly key: string;
  readonly offsetMsgId: string;
  readonly queueId: number;
}

/** tools/interop/java AdminWorkload: a Java producer and push consumer that stay online until stopped. */
export async function startWorkload(label: string, namesrvAddr: string): Promise<RunningWorkload> {
  const home = suiteTempDir(`mqadmin-workload-${label}`);
  const child = spawnProcess({
    name: `admin-workload(${label})`,
    command: `${JAVA_BIN}/run-client.sh`,
    args: [
      'AdminWorkload',
      '-n',
      namesrvAddr,
      '-t',
      TOPIC,
      '-p',
      PRODUCER_GROUP,
      '-g',
      GROUP,
      '-c',
      String(MESSAGES),
      '--key-prefix',
      KEY_PREFIX,
    ],
    env: { CLIENT_HOME: home.path },
    logFile: true,
  });
  const ready = await child.waitForOutput(/^READY (.*)$/m, {
    timeoutMs: 150_000,
    reason: `${label}: ${MESSAGES} messages sent and consumed by the Java workload`,
  });
  const summary = JSON.parse(ready[1] ?? '{}') as { complete?: boolean };
  if (summary.complete !== true) throw new Error(`${label}: the workload's consumer did not get every message: ${ready[1]}`);
  const first = child
    .lines()
    .filter((line) => line.text.startsWith('SEND '))
    .map((line) => JSON.parse(line.text.slice('SEND '.length)) as SendLine)
    .find((send) => send.key === `${KEY_PREFIX}-0`);
  if (first === undefined) throw new Error(`${label}: no SEND line for ${KEY_PREFIX}-0`);
  return { process: child, offsetMsgId: first.offsetMsgId, firstQueueId: first.queueId };
}
