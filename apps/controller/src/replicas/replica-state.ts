/**
 * The replicated state of one broker set (docs/controller.md#replicated-state): who is master,
 * which controller ids are in sync with it, and which ids exist. Only events change it
 * (replicas-info-manager.ts applies them), so every controller that applies the same log holds
 * the same state.
 */
export interface SyncStateInfo {
  readonly clusterName: string;
  readonly brokerName: string;
  /** Controller id of the master; undefined while the set has none. */
  masterBrokerId: number | undefined;
  /** Bumped by every applied election, including one that leaves the set masterless. 0 = never elected. */
  masterEpoch: number;
  /** Bumped by every change of the set; an election resets the set to {new master}. */
  syncStateSetEpoch: number;
  syncStateSet: Set<number>;
}

export interface BrokerIdentity {
  address: string;
  /** `<brokerAddr>;<epochMillis>` from the broker's temp identity file; makes a retried 1013 idempotent. */
  readonly registerCheckCode: string;
}

export interface BrokerReplicaInfo {
  readonly clusterName: string;
  readonly brokerName: string;
  /** What 1012 hands out next. */
  nextAssignBrokerId: number;
  readonly brokers: Map<number, BrokerIdentity>;
}

/** What a request handler needs to know about liveness; the heartbeat manager implements it. */
export interface BrokerLiveness {
  isAlive(brokerName: string, brokerId: number): boolean;
  /** Election facts from the last heartbeat, undefined when none is known. */
  electionFacts(brokerName: string, brokerId: number): ElectionFacts | undefined;
}

export interface ElectionFacts {
  readonly epoch: number;
  readonly maxOffset: number;
  readonly electionPriority: number;
}
