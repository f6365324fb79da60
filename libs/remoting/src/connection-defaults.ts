import { MAX_FRAME_BYTES } from '@rocketmq-ts/protocol';

import type { ConnectionLimits } from './remoting-connection';

/** serverChannelMaxIdleTimeSeconds / clientChannelMaxIdleTimeSeconds in RocketMQ: 120 s. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
/** Pause reading past 4 MiB of unsent replies: several large pull replies, but far from memory trouble. */
export const DEFAULT_WRITE_PAUSE_BYTES = 4 * 1024 * 1024;
/** Drop a peer that lets 64 MiB of replies pile up: four max-size frames. */
export const DEFAULT_WRITE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Timeout precision for invokes; Java scans its response table once a second, we are finer. */
export const DEFAULT_TIMEOUT_SWEEP_INTERVAL_MS = 100;

export interface ConnectionLimitOptions {
  readonly maxFrameBytes?: number;
  readonly idleTimeoutMs?: number;
  readonly writePauseBytes?: number;
  readonly writeLimitBytes?: number;
}

export function resolveConnectionLimits(options: ConnectionLimitOptions): ConnectionLimits {
  const limits: ConnectionLimits = {
    maxFrameBytes: options.maxFrameBytes ?? MAX_FRAME_BYTES,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    writePauseBytes: options.writePauseBytes ?? DEFAULT_WRITE_PAUSE_BYTES,
    writeLimitBytes: options.writeLimitBytes ?? DEFAULT_WRITE_LIMIT_BYTES,
  };
  if (limits.idleTimeoutMs < 0) throw new RangeError(`idleTimeoutMs must be >= 0 (0 disables), got ${limits.idleTimeoutMs}`);
  if (limits.writeLimitBytes < limits.writePauseBytes) {
    throw new RangeError(`writeLimitBytes (${limits.writeLimitBytes}) must not be below writePauseBytes (${limits.writePauseBytes})`);
  }
  return limits;
}
