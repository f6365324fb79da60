import type { ConnectionContext } from '@rocketmq-ts/remoting';

/**
 * What a gRPC-side ConnectionContext (a call, a Telemetry stream) owes its close listeners: each
 * runs once when it ends, or at once when added after the end.
 */
export class CloseListeners {
  private readonly listeners = new Set<(context: ConnectionContext) => void>();
  private endedFlag = false;

  get ended(): boolean {
    return this.endedFlag;
  }

  add(context: ConnectionContext, listener: (context: ConnectionContext) => void): () => void {
    if (this.endedFlag) {
      listener(context);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks the end and runs the listeners; false when it had ended already. */
  end(context: ConnectionContext): boolean {
    if (this.endedFlag) return false;
    this.endedFlag = true;
    for (const listener of [...this.listeners]) listener(context);
    this.listeners.clear();
    return true;
  }
}
