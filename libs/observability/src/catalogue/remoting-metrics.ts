import { defineMetric, LATENCY_BUCKETS_MS } from './metric-definition';

/** What every remoting server (namesrv, broker) records per request, through the remoting metrics hook. */
export const REMOTING_METRICS = [
  defineMetric({
    name: 'rocketmq_remoting_requests_total',
    type: 'counter',
    family: 'remoting',
    help: 'Remoting requests served, by request code and response code ("none" when no reply is sent).',
    labelNames: ['code', 'response_code'],
  }),
  defineMetric({
    name: 'rocketmq_remoting_request_latency_milliseconds',
    type: 'histogram',
    family: 'remoting',
    help: 'Time from reading a remoting request to writing its reply, by request code.',
    labelNames: ['code'],
    buckets: LATENCY_BUCKETS_MS,
  }),
  defineMetric({
    name: 'rocketmq_remoting_malformed_requests_total',
    type: 'counter',
    family: 'remoting',
    help: 'Requests whose header or body could not be decoded (answered with an error naming the field), by request code and structure.',
    labelNames: ['code', 'structure'],
  }),
] as const;

/** What a name server adds, read from its route table at scrape time. */
export const NAMESRV_METRICS = [
  defineMetric({
    name: 'rocketmq_namesrv_brokers_registered',
    type: 'gauge',
    family: 'namesrv',
    help: 'Broker instances (brokerName + brokerId) currently registered with this name server.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_namesrv_topics',
    type: 'gauge',
    family: 'namesrv',
    help: 'Topics with at least one queue in this name server route table.',
    labelNames: [],
  }),
] as const;
