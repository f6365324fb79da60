import { defineMetric } from './metric-definition';

/**
 * What a controller exports, named as Apache RocketMQ's controller metrics (rocketmq_ prefix plus
 * its ControllerMetricsConstant names): its Raft role, the brokers it hears from, and elections.
 */
export const CONTROLLER_METRICS = [
  defineMetric({
    name: 'rocketmq_role',
    type: 'gauge',
    family: 'controller',
    help: "This controller's role: 1 while it is the serving leader, 0 otherwise.",
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_active_broker_num',
    type: 'gauge',
    family: 'controller',
    help: 'Broker replicas this controller currently hears heartbeats from.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_election_total',
    type: 'counter',
    family: 'controller',
    help: 'Master elections decided by this controller, by result (elected, no-master, failed).',
    labelNames: ['result'],
  }),
] as const;
