import type { HAMasterStore, HASlaveStore } from '@rocketmq-ts/ha';
import type { MessageStore } from '@rocketmq-ts/store';

/**
 * DefaultMessageStore serves both HA ports; a spec's fake store may serve neither, and the broker
 * then runs without replication (and says so in the log).
 */
export function asHAMasterStore(store: MessageStore): (MessageStore & HAMasterStore) | undefined {
  const candidate = store as MessageStore & Partial<HAMasterStore>;
  return typeof candidate.readCommitLog === 'function' &&
    typeof candidate.onCommitLogAppended === 'function' &&
    typeof candidate.commitLogSegmentBytes === 'function'
    ? (candidate as MessageStore & HAMasterStore)
    : undefined;
}

export function asHASlaveStore(store: MessageStore): (MessageStore & HASlaveStore) | undefined {
  const candidate = store as MessageStore & Partial<HASlaveStore>;
  return typeof candidate.appendReplicated === 'function' ? (candidate as MessageStore & HASlaveStore) : undefined;
}
