import { describe, expect, it } from 'vitest';

import { controllerConfig } from '../testing/in-process-controller';
import { formatPeersForMetadata, resolveTopology } from './controller-topology';

describe('Controller > config > topology', () => {
  it('takes the client port from the self entry of controllerDLegerPeers and puts HTTP 31 below it', () => {
    const outcome = resolveTopology(
      controllerConfig({
        controllerDLegerGroup: 'group1',
        controllerDLegerPeers: 'n0-127.0.0.1:9878;n1-127.0.0.1:9868',
        controllerDLegerSelfId: 'n1',
      }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      topology: { selfId: 'n1', self: { port: 9868, address: '127.0.0.1:9868' }, httpPort: 9837 },
    });
    if (outcome.ok) expect(formatPeersForMetadata(outcome.topology.peers)).toBe('n0:127.0.0.1:9878;n1:127.0.0.1:9868;');
  });

  it('names every bad key at once', () => {
    const outcome = resolveTopology(
      controllerConfig({
        controllerType: 'jRaft',
        controllerDLegerGroup: '',
        controllerDLegerPeers: 'n0-127.0.0.1:9878;n0-127.0.0.1:9868;bogus;n2-127.0.0.1:99999',
        controllerDLegerSelfId: 'n7',
        raftElectionTimeoutMillis: 100,
        raftHeartbeatIntervalMillis: 80,
      }),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.errors).toEqual([
        'controllerType: jRaft is not supported; leave it unset (DLedger) to use our Raft',
        'controllerDLegerGroup: must be set (e.g. group1)',
        'controllerDLegerPeers: id n0 appears twice',
        'controllerDLegerPeers: "bogus" is not id-host:port with a port in [1, 65535]',
        'controllerDLegerPeers: "n2-127.0.0.1:99999" is not id-host:port with a port in [1, 65535]',
        'controllerDLegerSelfId: "n7" is not one of n0, n0',
        'raftHeartbeatIntervalMillis: 80 is more than half of raftElectionTimeoutMillis (100)',
      ]);
    }
  });

  it('asks for at least one peer', () => {
    expect(resolveTopology(controllerConfig({ controllerDLegerGroup: 'g' }))).toEqual({
      ok: false,
      errors: ['controllerDLegerPeers: must list at least one peer as id-host:port (e.g. n0-127.0.0.1:9878)'],
    });
  });
});
