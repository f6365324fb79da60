// The parts of ali-ons 3.12 (untyped CommonJS) these suites use. Field names are ali-ons's own.
declare module 'ali-ons' {
  import type { EventEmitter } from 'node:events';

  export interface OnsOptions {
    nameSrv: string | string[];
    httpclient: unknown;
    producerGroup?: string;
    consumerGroup?: string;
    consumeFromWhere?: string;
    instanceName?: string;
    logger?: {
      info(...args: unknown[]): void;
      warn(...args: unknown[]): void;
      error(...args: unknown[]): void;
      debug(...args: unknown[]): void;
    };
    rebalanceInterval?: number;
    /** sic: ali-ons's spelling. */
    pollNameServerInteval?: number;
    isBroadcast?: boolean;
    maxReconsumeTimes?: number;
    pullBatchSize?: number;
    /** ACL 1.0 keys: every request is signed (lib/channel.js beforeRequest). */
    accessKey?: string;
    secretKey?: string;
  }

  /** Route data as ali-ons parses it (JSON2.parse, so numeric keys become strings). */
  export interface OnsTopicRouteData {
    brokerDatas: { brokerName: string; cluster?: string; brokerAddrs: Record<string, string> }[];
    queueDatas: {
      brokerName: string;
      perm: number;
      readQueueNums: number;
      writeQueueNums: number;
      topicSynFlag?: number;
      topicSysFlag?: number;
    }[];
  }

  /** The topic config ali-ons's createTopic sends (UPDATE_AND_CREATE_TOPIC). */
  export interface OnsTopicConfig {
    topicName: string;
    readQueueNums: number;
    writeQueueNums: number;
    perm: number;
    topicFilterType: string;
    topicSysFlag: number;
    order: boolean;
  }

  /** ali-ons's process-wide client per clientId (an EventEmitter that reports connection errors). */
  export interface OnsMQClient extends EventEmitter {
    createTopic(brokerAddr: string, defaultTopic: string, topicConfig: OnsTopicConfig, timeoutMillis: number): Promise<void>;
    getTopicRouteInfoFromNameServer(topic: string, timeoutMillis: number): Promise<OnsTopicRouteData | undefined>;
    getDefaultTopicRouteInfoFromNameServer(topic: string, timeoutMillis: number): Promise<OnsTopicRouteData | undefined>;
  }

  export class Message {
    constructor(topic: string, tags: string, body: string | Buffer);
    keys: string[] | string | null;
    msgId: string;
    topic: string;
    tags: string;
    body: Buffer;
    queueId: number;
    queueOffset: number;
    brokerName?: string;
    reconsumeTimes: number;
    properties: Record<string, string>;
  }

  export interface OnsSendResult {
    sendStatus: string;
    msgId: string;
    messageQueue: { topic: string; brokerName: string; queueId: number };
    queueOffset: number;
  }

  export class Producer extends EventEmitter {
    constructor(options: OnsOptions);
    static defaultProducer?: Producer;
    readonly _mqClient: OnsMQClient;
    ready(): Promise<void>;
    send(message: Message): Promise<OnsSendResult>;
    close(): Promise<void>;
  }

  export class Consumer extends EventEmitter {
    constructor(options: OnsOptions);
    /** Returned by a handler: redeliver the message later (CONSUMER_SEND_MSG_BACK). */
    static readonly ACTION_RETRY: unique symbol;
    /** The queues this instance was allocated (its own topics and %RETRY%), by queue key. */
    readonly processQueueTable: Map<string, { messageQueue: { topic: string; brokerName: string; queueId: number } }>;
    readonly _mqClient: OnsMQClient;
    ready(): Promise<void>;
    subscribe(topic: string, expression: string, handler: (message: Message) => Promise<void | symbol>): void;
    close(): Promise<void>;
  }
}
