import type { MessageQueue } from '@rocketmq-ts/model';
import {
  type BrokerData,
  createRequest,
  createResponse,
  GetConsumerListByGroupResponseBody,
  HeartbeatData,
  JsonEntries,
  MessageQueueJson,
  OffsetResponseHeader,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  type QueueData,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SearchOffsetRequestHeader,
  TopicRouteData,
  UpdateConsumerOffsetRequestHeader,
  writeJsonBuffer,
} from '@rocketmq-ts/protocol';
import { type ConnectionContext, HandlerTable, RemotingServer } from '@rocketmq-ts/remoting';

// One scripted process standing in for a name server and a broker (our RemotingServer, real TCP),
// for what a real broker will not do on demand: answer QUERY_NOT_FOUND for a queue that still
// starts at 0, or push RESET_CONSUMER_CLIENT_OFFSET to a consumer.

export const FAKE_BROKER_NAME = 'fake-consumer-broker';

export interface FakeConsumerBrokerOptions {
  readonly topic: string;
  readonly queueNums: number;
  /** GET_MAX_OFFSET answers this for every queue. */
  readonly maxOffset: number;
  /** SEARCH_OFFSET_BY_TIMESTAMP answers this for every queue. */
  readonly searchOffset: number;
}

export interface FakeConsumerBroker {
  readonly address: string;
  /** First pull offset asked for each queue id. */
  readonly firstPullOffsets: Map<number, number>;
  /** Every pull as `queueId@offset`, in order. */
  readonly pulls: string[];
  /** Timestamps of SEARCH_OFFSET_BY_TIMESTAMP requests. */
  readonly searchedTimestamps: number[];
  /** Offsets committed by UPDATE_CONSUMER_OFFSET, by queue id (last one wins). */
  readonly committed: Map<number, number>;
  /** Sends a server→client request to the consumer connected last. */
  invokeConsumer(request: RemotingCommand): Promise<RemotingCommand>;
  resetOffsetRequest(group: string, offsets: ReadonlyArray<readonly [number, number]>): RemotingCommand;
  close(): Promise<void>;
}

const CODES = [
  RequestCode.GET_ROUTEINFO_BY_TOPIC,
  RequestCode.HEART_BEAT,
  RequestCode.UNREGISTER_CLIENT,
  RequestCode.GET_CONSUMER_LIST_BY_GROUP,
  RequestCode.QUERY_CONSUMER_OFFSET,
  RequestCode.UPDATE_CONSUMER_OFFSET,
  RequestCode.GET_MAX_OFFSET,
  RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
  RequestCode.PULL_MESSAGE,
];

export async function startFakeConsumerBroker(options: FakeConsumerBrokerOptions): Promise<FakeConsumerBroker> {
  const firstPullOffsets = new Map<number, number>();
  const pulls: string[] = [];
  const searchedTimestamps: number[] = [];
  const committed = new Map<number, number>();
  const clientIds = new Set<string>();
  let consumerConnection: ConnectionContext | undefined;
  let address = '';

  const handle = async (context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> => {
    switch (request.code) {
      case RequestCode.GET_ROUTEINFO_BY_TOPIC: {
        if (request.extFields?.['topic'] !== options.topic)
          return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: 'no route' });
        const brokerDatas: BrokerData[] = [
          { cluster: 'FakeCluster', brokerName: FAKE_BROKER_NAME, brokerAddrs: new Map([[0, address]]), enableActingMaster: false },
        ];
        const queueDatas: QueueData[] = [
          { brokerName: FAKE_BROKER_NAME, readQueueNums: options.queueNums, writeQueueNums: options.queueNums, perm: 6, topicSysFlag: 0 },
        ];
        return createResponse(request, ResponseCode.SUCCESS, {
          body: TopicRouteData.encode({ brokerDatas, queueDatas, filterServerTable: new Map() }, { standardJson: true }),
        });
      }
      case RequestCode.HEART_BEAT:
        clientIds.add(HeartbeatData.decode(request.body ?? Buffer.alloc(0)).clientID);
        consumerConnection = context;
        return createResponse(request, ResponseCode.SUCCESS);
      case RequestCode.GET_CONSUMER_LIST_BY_GROUP:
        return createResponse(request, ResponseCode.SUCCESS, {
          body: GetConsumerListByGroupResponseBody.encode({ consumerIdList: [...clientIds] }),
        });
      case RequestCode.QUERY_CONSUMER_OFFSET: {
        const stored = committed.get(Number(request.extFields?.['queueId']));
        if (stored === undefined) return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: 'Not found' });
        return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset: stored }) });
      }
      case RequestCode.UPDATE_CONSUMER_OFFSET: {
        const header = UpdateConsumerOffsetRequestHeader.decode(request.extFields);
        committed.set(header.queueId, header.commitOffset);
        return createResponse(request, ResponseCode.SUCCESS);
      }
      case RequestCode.GET_MAX_OFFSET:
        return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset: options.maxOffset }) });
      case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP:
        searchedTimestamps.push(SearchOffsetRequestHeader.decode(request.extFields).timestamp);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset: options.searchOffset }) });
      case RequestCode.PULL_MESSAGE: {
        const header = PullMessageRequestHeader.decode(request.extFields);
        if (!firstPullOffsets.has(header.queueId)) firstPullOffsets.set(header.queueId, header.queueOffset);
        pulls.push(`${header.queueId}@${header.queueOffset}`);
        // A short hold, as a long poll that times out quickly: nothing new at this offset.
        await new Promise((resolve) => setTimeout(resolve, 50));
        const extFields = PullMessageResponseHeader.encode({
          suggestWhichBrokerId: 0,
          nextBeginOffset: header.queueOffset,
          minOffset: 0,
          maxOffset: options.maxOffset,
        });
        return createResponse(request, ResponseCode.PULL_NOT_FOUND, { extFields, remark: 'OFFSET_OVERFLOW_ONE' });
      }
      default:
        return createResponse(request, ResponseCode.SUCCESS);
    }
  };
  const table = new HandlerTable([{ name: 'default', maxInFlight: 256 }]);
  for (const code of CODES) table.register(code, { handle, describe: () => 'fake-consumer-broker' }, 'default');
  const server = new RemotingServer({ handlerTable: table });
  const port = await server.listen({ host: '127.0.0.1', port: 0 });
  address = `127.0.0.1:${port}`;
  return {
    address,
    firstPullOffsets,
    pulls,
    searchedTimestamps,
    committed,
    invokeConsumer: (request) => {
      if (consumerConnection === undefined) return Promise.reject(new Error('no consumer connected'));
      return consumerConnection.invoke(request, 5_000);
    },
    resetOffsetRequest: (group, offsets) => {
      const entries = offsets.map(([queueId, offset]) => [MessageQueueJson.toJson(queueOf(options.topic, queueId)), offset] as const);
      const body = writeJsonBuffer({ offsetTable: new JsonEntries(entries) });
      return createRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, {
        extFields: { topic: options.topic, group, timestamp: String(Date.now()), isForce: 'true' },
        body,
      });
    },
    close: () => server.close({ drainTimeoutMs: 100 }),
  };
}

function queueOf(topic: string, queueId: number): MessageQueue {
  return { topic, brokerName: FAKE_BROKER_NAME, queueId };
}
