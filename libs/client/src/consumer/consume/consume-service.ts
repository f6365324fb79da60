import type { MessageExt } from '../message-ext';
import type { ProcessQueue } from '../process-queue';

/** Runs the listener over what the pull loops deliver. */
export interface ConsumeService {
  /** Messages just added to `queue` (already held by it). */
  submit(queue: ProcessQueue, messages: readonly MessageExt[]): void;
  /** Stops starting listener calls; those queued are left for the next owner or start. */
  stop(): void;
  /** Resolves when no listener call is running, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
}

/** Sends a failed message back to the broker; false when it could not (the caller keeps it). */
export type SendBack = (message: MessageExt, delayLevel: number) => Promise<boolean>;
