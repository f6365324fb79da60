import { createRequest, type RemotingCommand } from '@rocketmq-ts/protocol';
import { remotingRequest } from '@rocketmq-ts/testing';

import { asArray, asNumber, asRecord, asString, asStringRecord, parseLenientJson } from './lenient-json';

/** Request codes used by these suites (Apache RocketMQ's RequestCode numbering). */
export const Code = {
  UPDATE_AND_CREATE_TOPIC: 17,
  REGISTER_BROKER: 103,
  UNREGISTER_BROKER: 104,
  GET_ROUTEINFO_BY_TOPIC: 105,
  GET_BROKER_CLUSTER_INFO: 106,
  GET_ALL_TOPIC_LIST_FROM_NAMESERVER: 206,
} as const;

export const SUCCESS = 0;
export const TOPIC_NOT_EXIST = 17;

export interface BrokerData {
  brokerName: string;
  cluster: string;
  /** brokerId (as a string key) -> ip:port */
  brokerAddrs: Record<string, string>;
}

export interface ClusterInfo {
  brokerAddrTable: Record<string, BrokerData>;
  clusterAddrTable: Record<string, string[]>;
}

export interface QueueData {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag: number;
}

export interface TopicRoute {
  brokerDatas: BrokerData[];
  queueDatas: QueueData[];
  /** The body as received, to check key quoting. */
  raw: string;
}

function describeResponse(response: RemotingCommand): string {
  return `code ${response.code}, remark ${JSON.stringify(response.remark)}, body ${response.body?.toString('utf8') ?? '(none)'}`;
}

function toBrokerData(value: unknown, what: string): BrokerData {
  const record = asRecord(value, what);
  return {
    brokerName: asString(record['brokerName'], `${what}.brokerName`),
    cluster: asString(record['cluster'], `${what}.cluster`),
    brokerAddrs: asStringRecord(record['brokerAddrs'], `${what}.brokerAddrs`),
  };
}

function toQueueData(value: unknown, what: string): QueueData {
  const record = asRecord(value, what);
  return {
    brokerName: asString(record['brokerName'], `${what}.brokerName`),
    readQueueNums: asNumber(record['readQueueNums'], `${what}.readQueueNums`),
    writeQueueNums: asNumber(record['writeQueueNums'], `${what}.writeQueueNums`),
    perm: asNumber(record['perm'], `${what}.perm`),
    topicSysFlag: asNumber(record['topicSysFlag'] ?? 0, `${what}.topicSysFlag`),
  };
}

/** GET_BROKER_CLUSTER_INFO (106) over a fresh TCP connection. */
export async function getClusterInfo(port: number): Promise<ClusterInfo> {
  const response = await remotingRequest(port, createRequest(Code.GET_BROKER_CLUSTER_INFO));
  if (response.code !== SUCCESS || !response.body) throw new Error(`GET_BROKER_CLUSTER_INFO: ${describeResponse(response)}`);
  const body = asRecord(parseLenientJson(response.body.toString('utf8')), 'ClusterInfo');
  const brokerAddrTable: Record<string, BrokerData> = {};
  for (const [name, value] of Object.entries(asRecord(body['brokerAddrTable'] ?? {}, 'brokerAddrTable'))) {
    brokerAddrTable[name] = toBrokerData(value, `brokerAddrTable.${name}`);
  }
  const clusterAddrTable: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(asRecord(body['clusterAddrTable'] ?? {}, 'clusterAddrTable'))) {
    clusterAddrTable[name] = asArray(value, `clusterAddrTable.${name}`).map((item, i) => asString(item, `clusterAddrTable.${name}[${i}]`));
  }
  return { brokerAddrTable, clusterAddrTable };
}

export class TopicNotFoundError extends Error {}

/** GET_ROUTEINFO_BY_TOPIC (105), stamped with `version` (479 = Java 5.3.3, 121 = ali-ons). */
export async function getTopicRoute(port: number, topic: string, version = 479): Promise<TopicRoute> {
  const response = await remotingRequest(
    port,
    createRequest(Code.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic }, version, language: 'JAVA' }),
  );
  if (response.code === TOPIC_NOT_EXIST) throw new TopicNotFoundError(`topic ${topic}: ${describeResponse(response)}`);
  if (response.code !== SUCCESS || !response.body) throw new Error(`GET_ROUTEINFO_BY_TOPIC ${topic}: ${describeResponse(response)}`);
  const raw = response.body.toString('utf8');
  const body = asRecord(parseLenientJson(raw), 'TopicRouteData');
  return {
    brokerDatas: asArray(body['brokerDatas'], 'brokerDatas').map((item, i) => toBrokerData(item, `brokerDatas[${i}]`)),
    queueDatas: asArray(body['queueDatas'], 'queueDatas').map((item, i) => toQueueData(item, `queueDatas[${i}]`)),
    raw,
  };
}

/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206). */
export async function getAllTopics(port: number): Promise<string[]> {
  const response = await remotingRequest(port, createRequest(Code.GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
  if (response.code !== SUCCESS || !response.body) throw new Error(`GET_ALL_TOPIC_LIST_FROM_NAMESERVER: ${describeResponse(response)}`);
  const body = asRecord(parseLenientJson(response.body.toString('utf8')), 'TopicList');
  return asArray(body['topicList'], 'topicList').map((item, i) => asString(item, `topicList[${i}]`));
}

/** UPDATE_AND_CREATE_TOPIC (17) sent straight to a broker, as mqadmin updateTopic does. */
export async function createTopicOnBroker(
  brokerPort: number,
  topic: string,
  queues: { read: number; write: number; perm?: number },
): Promise<void> {
  const response = await remotingRequest(
    brokerPort,
    createRequest(Code.UPDATE_AND_CREATE_TOPIC, {
      language: 'JAVA',
      extFields: {
        topic,
        defaultTopic: 'TBW102',
        readQueueNums: String(queues.read),
        writeQueueNums: String(queues.write),
        perm: String(queues.perm ?? 6),
        topicFilterType: 'SINGLE_TAG',
        topicSysFlag: '0',
        order: 'false',
      },
    }),
    { timeoutMs: 10_000 },
  );
  if (response.code !== SUCCESS) throw new Error(`UPDATE_AND_CREATE_TOPIC ${topic}: ${describeResponse(response)}`);
}
