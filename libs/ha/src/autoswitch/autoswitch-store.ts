/**
 * What the AutoSwitch HA protocol needs from a replica's store (docs/controller-mode-broker.md#ha-protocol): the
 * classic ports plus the epoch list, and for a slave the cut of a divergent tail.
 */
import type { DefaultMessageStore, EpochAppendOutcome, EpochEntry, EpochFile, TruncateOutcome } from '@rocketmq-ts/store';

import type { HAMasterStore, HASlaveStore } from '../ha-store';

export interface ReplicaEpochs {
  list(): readonly EpochEntry[];
  append(entry: EpochEntry): EpochAppendOutcome;
  truncateFrom(offset: number): void;
}

/** Consumers see nothing past the held offset; undefined lifts the hold (docs/controller-mode-broker.md#confirm-offset). */
export interface ConfirmOffsetHold {
  holdConfirmOffset(offset: number | undefined): void;
}

export interface AutoSwitchMasterStore extends HAMasterStore, ConfirmOffsetHold {
  readonly epochs: ReplicaEpochs;
}

export interface AutoSwitchSlaveStore extends HASlaveStore, ConfirmOffsetHold {
  readonly epochs: ReplicaEpochs;
  /** Cuts the commit log and what derives from it at `offset` (a record boundary). */
  truncateTo(offset: number): Promise<TruncateOutcome>;
}

/** A DefaultMessageStore with its epoch file, as both ports. */
export function replicaStoreOf(store: DefaultMessageStore, epochs: EpochFile): AutoSwitchMasterStore & AutoSwitchSlaveStore {
  return {
    epochs,
    getMinPhyOffset: () => store.getMinPhyOffset(),
    getMaxPhyOffset: () => store.getMaxPhyOffset(),
    readCommitLog: (offset, maxBytes) => store.readCommitLog(offset, maxBytes),
    onCommitLogAppended: (listener) => store.onCommitLogAppended(listener),
    commitLogSegmentBytes: () => store.commitLogSegmentBytes(),
    appendReplicated: (offset, bytes) => store.appendReplicated(offset, bytes),
    holdConfirmOffset: (offset) => store.holdConfirmOffset(offset),
    truncateTo: async (offset) => {
      const outcome = await store.truncateTo(offset);
      if (outcome.kind === 'truncated') epochs.truncateFrom(offset);
      return outcome;
    },
  };
}
