import { at, parseHostPort, splitAddressList } from '@rocketmq-ts/base';

import type { ControllerConfig } from './controller-config.schema';

export interface PeerAddress {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  /** host:port, what brokers put in controllerAddr. */
  readonly address: string;
}

export interface ControllerTopology {
  readonly group: string;
  readonly selfId: string;
  readonly peers: readonly PeerAddress[];
  readonly self: PeerAddress;
  readonly httpPort: number;
}

/** A bad combination of keys, one message per problem, named after the keys. */
export type TopologyOutcome =
  { readonly ok: true; readonly topology: ControllerTopology } | { readonly ok: false; readonly errors: readonly string[] };

/** `id-host:port`: the id has no `-`, so the first one ends it; the rest is base's host:port. */
const PEER = /^([A-Za-z0-9_.]+)-(.+)$/;

/**
 * Checks the keys that only make sense together (docs/controller.md#configuration):
 * `controllerDLegerPeers` parses as `id-host:port;…` with unique ids and addresses, the self id is
 * one of them, the group is set, and the engine is ours.
 */
export function resolveTopology(config: ControllerConfig): TopologyOutcome {
  const errors: string[] = [];
  if (config.controllerType === 'jRaft') errors.push('controllerType: jRaft is not supported; leave it unset (DLedger) to use our Raft');
  if (config.controllerDLegerGroup.trim() === '') errors.push('controllerDLegerGroup: must be set (e.g. group1)');
  const peers: PeerAddress[] = [];
  const entries = splitAddressList(config.controllerDLegerPeers);
  if (entries.length === 0) errors.push('controllerDLegerPeers: must list at least one peer as id-host:port (e.g. n0-127.0.0.1:9878)');
  for (const entry of entries) {
    const match = PEER.exec(entry);
    const target = match ? parseHostPort(at(match, 2, 'peer host:port')) : undefined;
    if (!match || !target) {
      errors.push(`controllerDLegerPeers: "${entry}" is not id-host:port with a port in [1, 65535]`);
      continue;
    }
    const peer = { id: at(match, 1, 'peer id group'), host: target.host, port: target.port, address: `${target.host}:${target.port}` };
    if (peers.some((other) => other.id === peer.id)) errors.push(`controllerDLegerPeers: id ${peer.id} appears twice`);
    if (peers.some((other) => other.address === peer.address)) errors.push(`controllerDLegerPeers: address ${peer.address} appears twice`);
    peers.push(peer);
  }
  const self = peers.find((peer) => peer.id === config.controllerDLegerSelfId);
  if (peers.length > 0 && !self)
    errors.push(`controllerDLegerSelfId: "${config.controllerDLegerSelfId}" is not one of ${peers.map((peer) => peer.id).join(', ')}`);
  if (config.raftHeartbeatIntervalMillis * 2 > config.raftElectionTimeoutMillis) {
    errors.push(
      `raftHeartbeatIntervalMillis: ${config.raftHeartbeatIntervalMillis} is more than half of raftElectionTimeoutMillis (${config.raftElectionTimeoutMillis})`,
    );
  }
  if (errors.length > 0 || !self) return { ok: false, errors };
  const httpPort = config.httpPort === -1 ? Math.max(self.port - 31, 1) : config.httpPort;
  return { ok: true, topology: { group: config.controllerDLegerGroup, selfId: self.id, peers, self, httpPort } };
}

/** The `peers` text of CONTROLLER_GET_METADATA_INFO: `n0:127.0.0.1:9878;n1:…;` (':' separators, trailing ';'). */
export function formatPeersForMetadata(peers: readonly PeerAddress[]): string {
  return peers.map((peer) => `${peer.id}:${peer.address};`).join('');
}
