/**
 * Injection tokens for values that are not classes. Managers (RouteInfoManager, KvConfigManager,
 * BrokerHousekeeper) are classes and serve as their own tokens.
 */
export const NAMESRV_CONFIG = Symbol('NAMESRV_CONFIG');
export const NAMESRV_CLOCK = Symbol('NAMESRV_CLOCK');
/** Scheduling, apart from the date: see docs/time.md#clock-and-timers. */
export const NAMESRV_TIMERS = Symbol('NAMESRV_TIMERS');
export const NAMESRV_LOGGER = Symbol('NAMESRV_LOGGER');
export const NAMESRV_METRICS = Symbol('NAMESRV_METRICS');

/** Lanes: route queries are client traffic, registration is broker traffic, the rest is admin. */
export const NamesrvLane = { ROUTE: 'route', BROKER: 'broker', ADMIN: 'admin' } as const;

/** KV namespace holding `topic → brokerName:queueNum;...` for ordered topics. */
export const ORDER_TOPIC_CONFIG_NAMESPACE = 'ORDER_TOPIC_CONFIG';
