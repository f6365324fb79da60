import type { BrokerReplication } from '../ha/broker-replication';

/**
 * Name-server registration in controller mode (docs/controller-mode-broker.md#name-server): the id and
 * stateVersion come from the controller's role; a role change re-registers at once. Undefined
 * outside controller mode (the configured brokerId, the topic table's stateVersion).
 */
export function controlledRegistration(
  replication: BrokerReplication,
): { brokerId(): number | undefined; stateVersion(): bigint } | undefined {
  const controller = replication.controller;
  if (controller === undefined) return undefined;
  return { brokerId: () => controller.registrationBrokerId(), stateVersion: () => BigInt(controller.masterEpoch()) };
}
