import { parseSocketAddress, type SocketAddress } from '@rocketmq-ts/model';
import type { ConnectionContext } from '@rocketmq-ts/remoting';

const UNKNOWN_HOST: SocketAddress = Object.freeze({ ip: new Uint8Array(4), port: 0 });

/**
 * BORNHOST of each connection, parsed once per connection rather than per message and forgotten
 * when the connection closes.
 */
export class ConnectionAddresses {
  private readonly byConnection = new Map<number, SocketAddress>();

  bornHostOf(context: ConnectionContext): SocketAddress {
    const cached = this.byConnection.get(context.id);
    if (cached !== undefined) return cached;
    const address = parseSocketAddress(context.remoteAddress) ?? UNKNOWN_HOST;
    if (context.closed) return address;
    this.byConnection.set(context.id, address);
    context.onClose(() => this.byConnection.delete(context.id));
    return address;
  }
}
