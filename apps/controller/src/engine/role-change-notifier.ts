import { errorMessage } from '@rocketmq-ts/base';
import type { Logger } from '@rocketmq-ts/base';
import { createRequest, NotifyBrokerRoleChangedRequestHeader, RequestCode, SyncStateSet } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

export interface RoleChange {
  readonly brokerName: string;
  readonly masterBrokerId: number;
  readonly masterAddress: string;
  readonly masterEpoch: number;
  readonly syncStateSetEpoch: number;
  readonly syncStateSet: readonly number[];
}

/**
 * Sends NOTIFY_BROKER_ROLE_CHANGED (1008) one-way to each live member after an election
 * (docs/controller.md#elections). Best effort: a broker that misses it learns the same from its
 * next CONTROLLER_GET_REPLICA_INFO poll, and a broker ignores an epoch older than its own.
 */
export class RoleChangeNotifier {
  constructor(
    private readonly client: RemotingClient,
    private readonly logger: Logger,
  ) {}

  close(): Promise<void> {
    return this.client.close();
  }

  notify(change: RoleChange, addresses: readonly string[]): void {
    for (const address of addresses) {
      const request = createRequest(RequestCode.NOTIFY_BROKER_ROLE_CHANGED, {
        oneway: true,
        extFields: NotifyBrokerRoleChangedRequestHeader.encode({
          masterAddress: change.masterAddress,
          masterEpoch: change.masterEpoch,
          syncStateSetEpoch: change.syncStateSetEpoch,
          masterBrokerId: change.masterBrokerId,
        }),
        body: SyncStateSet.encode({ syncStateSet: change.syncStateSet, syncStateSetEpoch: change.syncStateSetEpoch }),
      });
      this.client.invokeOneway(address, request).then(
        () =>
          this.logger.info({ address, brokerName: change.brokerName, masterEpoch: change.masterEpoch }, 'notified broker of role change'),
        (error: unknown) =>
          this.logger.warn(
            { address, error: errorMessage(error) },
            'role change notification not sent; the broker will learn it from its poll',
          ),
      );
    }
  }
}
