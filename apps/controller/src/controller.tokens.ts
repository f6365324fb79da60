/**
 * Injection tokens for values that are not classes. The engine, managers and settings are classes
 * and serve as their own tokens.
 */
export const CONTROLLER_CONFIG = Symbol('CONTROLLER_CONFIG');
export const CONTROLLER_TOPOLOGY = Symbol('CONTROLLER_TOPOLOGY');
export const CONTROLLER_CLOCK = Symbol('CONTROLLER_CLOCK');
/** Scheduling, apart from the date: see docs/time.md#clock-and-timers. */
export const CONTROLLER_TIMERS = Symbol('CONTROLLER_TIMERS');
export const CONTROLLER_LOGGER = Symbol('CONTROLLER_LOGGER');
export const CONTROLLER_METRICS = Symbol('CONTROLLER_METRICS');
export const CONTROLLER_LOG = Symbol('CONTROLLER_LOG');

/** Lanes: heartbeats must never queue behind elections; admin reads stay apart from broker traffic. */
export const ControllerLane = { HEARTBEAT: 'heartbeat', BROKER: 'broker', ADMIN: 'admin' } as const;
