import { buildPullSysFlag, decodeMessageRecords, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  createRequest,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';
import {
  BROKER_BIN,
  createTempDir,
  freePorts,
  type LocalNamesrv,
  LOOPBACK,
  type ManagedProcess,
  processes,
  spawnProcess,
  startLocalNamesrv,
  type TempDir,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

// A broker group (master and slave) as child processes through bin/mqbroker, each restartable on
// the same ports and store, plus the few raw requests the HA specs make.

const BOOT_TIMEOUT_MS = 90_000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface GroupMemberOptions {
  readonly name: string;
  readonly namesrvAddr: string;
  readonly brokerName: string;
  readonly brokerRole: 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE';
  /** More `--key=value` settings. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** One broker of the group; `start` again after a kill reuses its ports and store. */
export class GroupMember {
  process: ManagedProcess | undefined;

  private constructor(
    private readonly options: GroupMemberOptions,
    readonly port: number,
    readonly haPort: number,
    readonly httpPort: number,
    readonly dir: TempDir,
  ) {}

  static async create(options: GroupMemberOptions): Promise<GroupMember> {
    const [port, haPort, httpPort] = (await freePorts(3)) as [number, number, number];
    return new GroupMember(options, port, haPort, httpPort, createTempDir(`ha-${options.name}`));
  }

  get addr(): string {
    return `${LOOPBACK}:${this.port}`;
  }

  get haAddr(): string {
    return `${LOOPBACK}:${this.haPort}`;
  }

  async start(): Promise<ManagedProcess> {
    const settings: Record<string, string> = {
      namesrvAddr: this.options.namesrvAddr,
      brokerClusterName: 'HaCluster',
      brokerName: this.options.brokerName,
      brokerRole: this.options.brokerRole,
      brokerId: this.options.brokerRole === 'SLAVE' ? '1' : '0',
      listenPort: String(this.port),
      haListenPort: String(this.haPort),
      httpPort: String(this.httpPort),
      brokerIP1: LOOPBACK,
      bindAddress: LOOPBACK,
      storePathRootDir: this.dir.join('store'),
      ...this.options.settings,
    };
    const child = spawnProcess({
      name: this.options.name,
      command: BROKER_BIN,
      args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
      cwd: WORKSPACE_ROOT,
      env: { HOME: this.dir.path },
    });
    this.process = child;
    await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `${this.options.name} boot` });
    return child;
  }

  /** The running process (throws when not started). */
  get running(): ManagedProcess {
    if (this.process === undefined) throw new Error(`${this.options.name} is not started`);
    return this.process;
  }

  /** Count of output lines matching `pattern` so far. */
  countLines(pattern: RegExp): number {
    return this.running.lines().filter((line) => pattern.test(line.text)).length;
  }
}

/** The master's line once a slave's first offset report arrived: from then on it counts for SYNC acks. */
/** A name server and a master/slave pair of one broker group, for the process specs. */
export interface BrokerGroupUnderTest {
  readonly namesrv: LocalNamesrv;
  readonly master: GroupMember;
  readonly slave: GroupMember;
  /** Stops every process the spec started and removes the three directories. */
  remove(): Promise<void>;
}

export interface BrokerGroupOptions {
  readonly masterRole?: 'ASYNC_MASTER' | 'SYNC_MASTER';
  readonly master?: Readonly<Record<string, string>>;
  readonly slave?: Readonly<Record<string, string>>;
}

/**
 * A started name server and a master (`<label>-master`, SYNC_MASTER unless told) and slave
 * (`<label>-slave`) of `brokerName`, created but not started: each spec starts them in the order
 * it tests.
 */
export async function createBrokerGroup(
  label: string,
  brokerName: string,
  options: BrokerGroupOptions = {},
): Promise<BrokerGroupUnderTest> {
  const namesrv = await startLocalNamesrv({ label: `${label}-namesrv` });
  const common = { namesrvAddr: namesrv.addr, brokerName };
  const master = await GroupMember.create({
    ...common,
    name: `${label}-master`,
    brokerRole: options.masterRole ?? 'SYNC_MASTER',
    settings: options.master,
  });
  const slave = await GroupMember.create({ ...common, name: `${label}-slave`, brokerRole: 'SLAVE', settings: options.slave });
  const remove = async (): Promise<void> => {
    await processes.stopAll({ graceMs: 10_000 });
    for (const member of [master, slave]) member.dir.remove();
    namesrv.dir.remove();
  };
  return { namesrv, master, slave, remove };
}

export const SLAVE_REPORTED = /"msg":"HA slave connected"/;

/** Waits until `member` has printed `count` lines matching `pattern` in its current run. */
export function waitForLines(member: GroupMember, pattern: RegExp, count: number): Promise<true> {
  return waitFor(() => (member.countLines(pattern) >= count ? true : undefined), {
    timeoutMs: 30_000,
    reason: `${String(pattern)} seen ${count} times`,
  });
}

export function sendV2(client: RemotingClient, addr: string, topic: string, body: string, queueId = 0): Promise<RemotingCommand> {
  const extFields = SendMessageRequestHeaderV2.encodeFromV1({
    producerGroup: 'HA_PG',
    topic,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    properties: encodeMessageProperties({ KEYS: body, WAIT: 'true' }),
  });
  return client.invoke(
    addr,
    createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(body), language: 'JAVA' }),
    REQUEST_TIMEOUT_MS,
  );
}

export interface PullOutcome {
  readonly code: number;
  readonly bodies: string[];
  readonly nextBeginOffset: number;
  readonly suggestWhichBrokerId: number;
}

/** SUCCESS, PULL_NOT_FOUND, PULL_RETRY_IMMEDIATELY, PULL_OFFSET_MOVED: the codes with the offsets header. */
const PULL_REPLY_CODES = new Set([0, 19, 20, 21]);

/** One PULL_MESSAGE carrying its subscription (no heartbeat needed), no suspension. */
export async function pullOnce(
  client: RemotingClient,
  addr: string,
  group: string,
  topic: string,
  queueOffset: number,
  queueId = 0,
): Promise<PullOutcome> {
  const extFields = PullMessageRequestHeader.encode({
    consumerGroup: group,
    topic,
    queueId,
    queueOffset,
    maxMsgNums: 32,
    sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true, litePull: false }),
    commitOffset: 0,
    suspendTimeoutMillis: 0,
    subscription: '*',
    subVersion: 0n,
    expressionType: 'TAG',
  });
  const response = await client.invoke(addr, createRequest(RequestCode.PULL_MESSAGE, { extFields, language: 'JAVA' }), REQUEST_TIMEOUT_MS);
  const header = PULL_REPLY_CODES.has(response.code) ? PullMessageResponseHeader.decode(response.extFields) : undefined;
  const bodies = response.body === undefined ? [] : decodeMessageRecords(response.body).map((record) => record.body.toString('utf8'));
  return {
    code: response.code,
    bodies,
    nextBeginOffset: header?.nextBeginOffset ?? -1,
    suggestWhichBrokerId: header?.suggestWhichBrokerId ?? -1,
  };
}

/** Every message body of queue `queueId` from offset 0, pulling until the queue end. */
export async function pullAll(client: RemotingClient, addr: string, group: string, topic: string, queueId = 0): Promise<string[]> {
  const bodies: string[] = [];
  let offset = 0;
  for (;;) {
    const pulled = await pullOnce(client, addr, group, topic, offset, queueId);
    if (pulled.code !== 0) return bodies;
    bodies.push(...pulled.bodies);
    offset = pulled.nextBeginOffset;
  }
}
