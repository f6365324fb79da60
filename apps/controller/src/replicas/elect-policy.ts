import type { BrokerLiveness } from './replica-state';

export interface ElectionInput {
  readonly brokerName: string;
  /** Who may win: the SyncStateSet, or every registered replica for an unclean election. */
  readonly pool: Iterable<number>;
  readonly oldMaster: number | undefined;
  /** An admin's designated id (mqadmin electMaster); undefined for broker- and controller-triggered elections. */
  readonly designated: number | undefined;
}

/**
 * Picks a master from the live members of `pool` (docs/controller.md#elections), or undefined:
 *   1. only live replicas are candidates;
 *   2. a designated id wins if it is a candidate, and nobody else may then win;
 *   3. the old master wins if it is still a live candidate;
 *   4. otherwise the highest epoch, then the highest max offset, then the lowest election
 *      priority value, then the lowest id. A total order: unlike Java's comparator it neither
 *      truncates offset differences to int nor drops replicas that tie on every key.
 */
export function electMaster(input: ElectionInput, liveness: BrokerLiveness): number | undefined {
  const candidates = [...input.pool].filter((id) => liveness.isAlive(input.brokerName, id));
  if (input.designated !== undefined) return candidates.includes(input.designated) ? input.designated : undefined;
  if (input.oldMaster !== undefined && candidates.includes(input.oldMaster)) return input.oldMaster;
  const ranked = candidates.map((id) => ({ id, facts: liveness.electionFacts(input.brokerName, id) }));
  ranked.sort((left, right) => {
    const a = left.facts;
    const b = right.facts;
    if (a && b) {
      if (a.epoch !== b.epoch) return b.epoch - a.epoch;
      if (a.maxOffset !== b.maxOffset) return b.maxOffset > a.maxOffset ? 1 : -1;
      if (a.electionPriority !== b.electionPriority) return a.electionPriority - b.electionPriority;
    } else if (a || b) {
      return a ? -1 : 1;
    }
    return left.id - right.id;
  });
  return ranked[0]?.id;
}
