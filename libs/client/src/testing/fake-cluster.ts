import {
  type BrokerData,
  createResponse,
  HeartbeatData,
  type QueueData,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
  TopicRouteData,
} from '@rocketmq-ts/protocol';
import { HandlerTable, RemotingServer } from '@rocketmq-ts/remoting';

// Scripted name server and brokers on 127.0.0.1 (our RemotingServer, real TCP): for what a real
// broker will not do on demand, e.g. answer SYSTEM_BUSY to force a retry on another broker.

export interface FakeBroker {
  readonly name: string;
  readonly address: string;
  /** Every request code received, in order. */
  readonly codes: number[];
  /** Producer groups named by HEART_BEAT bodies. */
  readonly heartbeatGroups: string[];
  /** Topics of the sends received (brokers answering failures included). */
  readonly sendTopics: string[];
  close(): Promise<void>;
}

const LANES = [{ name: 'default', maxInFlight: 100 }];

async function listen(
  handle: (request: RemotingCommand) => RemotingCommand | Promise<RemotingCommand>,
  codes: readonly number[],
): Promise<{ server: RemotingServer; address: string }> {
  const table = new HandlerTable(LANES);
  for (const code of codes) table.register(code, { handle: (_context, request) => handle(request), describe: () => 'fake' }, 'default');
  const server = new RemotingServer({ handlerTable: table });
  const port = await server.listen({ host: '127.0.0.1', port: 0 });
  return { server, address: `127.0.0.1:${port}` };
}

const BROKER_CODES = [RequestCode.SEND_MESSAGE_V2, RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT];

export interface FakeBrokerOptions {
  /** Delay before each send is answered, e.g. to abort or time out a send in flight. */
  readonly answerDelayMs?: number;
  /** Runs as each send arrives, before it is answered, e.g. to move a ManualClock by the time the send "took". */
  readonly onSend?: () => void;
}

/** A broker answering every send with `sendCode`; a successful one gets a plausible response header. */
export async function startFakeBroker(name: string, sendCode: number, options: FakeBrokerOptions = {}): Promise<FakeBroker> {
  const codes: number[] = [];
  const heartbeatGroups: string[] = [];
  const sendTopics: string[] = [];
  let offset = 0;
  const { server, address } = await listen((request) => {
    codes.push(request.code);
    if (request.code === RequestCode.HEART_BEAT && request.body) {
      heartbeatGroups.push(...HeartbeatData.decode(request.body).producerDataSet.map((producer) => producer.groupName));
    }
    if (request.code !== RequestCode.SEND_MESSAGE_V2) return createResponse(request, ResponseCode.SUCCESS);
    const header = SendMessageRequestHeaderV2.decodeAsV1(request.extFields);
    sendTopics.push(header.topic);
    options.onSend?.();
    if (sendCode !== ResponseCode.SUCCESS) return createResponse(request, sendCode, { remark: `${name} scripted failure` });
    const extFields = SendMessageResponseHeader.encode({
      msgId: '7F00000100002A9F0000000000000000',
      queueId: header.queueId,
      queueOffset: offset++,
    });
    const response = createResponse(request, ResponseCode.SUCCESS, { extFields });
    if (options.answerDelayMs === undefined) return response;
    return new Promise<RemotingCommand>((resolve) => setTimeout(() => resolve(response), options.answerDelayMs).unref());
  }, BROKER_CODES);
  return { name, address, codes, heartbeatGroups, sendTopics, close: () => server.close({ drainTimeoutMs: 100 }) };
}

export interface FakeNamesrv {
  readonly address: string;
  /** Topics asked for, in order. */
  readonly lookups: string[];
  close(): Promise<void>;
}

/** Routes only TBW102 (8 queues per broker), so every topic goes through the TBW102 fallback. */
export async function startFakeNamesrv(brokers: readonly FakeBroker[]): Promise<FakeNamesrv> {
  const lookups: string[] = [];
  const brokerDatas: BrokerData[] = brokers.map((broker) => ({
    cluster: 'FakeCluster',
    brokerName: broker.name,
    brokerAddrs: new Map([[0, broker.address]]),
    enableActingMaster: false,
  }));
  const queueDatas: QueueData[] = brokers.map((broker) => ({
    brokerName: broker.name,
    readQueueNums: 8,
    writeQueueNums: 8,
    perm: 7,
    topicSysFlag: 0,
  }));
  const { server, address } = await listen(
    (request) => {
      const topic = request.extFields?.['topic'] ?? '';
      lookups.push(topic);
      if (topic !== 'TBW102')
        return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, {
          remark: `No topic route info in name server for the topic: ${topic}`,
        });
      const body = TopicRouteData.encode({ brokerDatas, queueDatas, filterServerTable: new Map() }, { standardJson: true });
      return createResponse(request, ResponseCode.SUCCESS, { body });
    },
    [RequestCode.GET_ROUTEINFO_BY_TOPIC],
  );
  return { address, lookups, close: () => server.close({ drainTimeoutMs: 100 }) };
}
