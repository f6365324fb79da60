import type { ConnectionContext } from '@rocketmq-ts/remoting';

/**
 * Counts open remoting connections for `rocketmq_broker_connections`, from the request hook: a
 * connection is counted from its first request until it closes. The remoting server does not
 * expose its own count to the app; a connection that never sends a request (a port probe) is
 * therefore not counted, which is what a dashboard of client connections wants anyway.
 * Per request the cost is one Set lookup.
 */
export class ConnectionTracker {
  private readonly open = new Set<number>();

  get count(): number {
    return this.open.size;
  }

  track(context: ConnectionContext): void {
    if (this.open.has(context.id) || context.closed) return;
    const id = context.id;
    this.open.add(id);
    context.onClose(() => this.open.delete(id));
  }
}
