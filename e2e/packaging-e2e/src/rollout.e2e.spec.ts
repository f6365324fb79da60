// Acceptance for issue 21 (many hosts): deploy/rollout.sh installs and starts the 2m-2s-sync layout
// on four Debian servers (containers with systemd, on a network the suite makes) over SSH from an
// inventory file, and `bin/mqadmin clusterList` on the test host shows both groups, master and
// slave each; the Java client sends through them and the slaves hold what the masters acknowledged.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { groupsOf, uniqueName, updateTopicOnCluster, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';
import { javaSend } from '@rocketmq-ts/testing/clients';

import { createNetwork, type Host, removeLeftovers, startHost } from './support/hosts';

const exec = promisify(execFile);
const VERSION = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DEB = join(WORKSPACE_ROOT, 'dist/release', `rocketmq-ts_${VERSION}-1_all.deb`);
const NETWORK = 'rocketmq-ts-pkg-rollout';
const LAYOUT = [['namesrv', 'broker-a'], ['namesrv', 'broker-a-s'], ['broker-b'], ['broker-b-s']] as const;

describe('deploy/rollout.sh: the 2m-2s-sync layout on four hosts over SSH', () => {
  const work = mkdtempSync(join(tmpdir(), 'rocketmq-ts-rollout-'));
  const key = join(work, 'id_ed25519');
  let hosts: Host[] = [];

  beforeAll(async () => {
    await removeLeftovers();
    await createNetwork(NETWORK);
    await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const publicKey = readFileSync(`${key}.pub`, 'utf8').trim();
    hosts = await Promise.all(LAYOUT.map((_, index) => startHost(`rocketmq-ts-pkg-node-${index + 1}`, NETWORK)));
    for (const host of hosts)
      await host.sh(`install -d -m 700 /root/.ssh && echo '${publicKey}' > /root/.ssh/authorized_keys && systemctl is-active ssh`);
  });

  afterAll(async () => {
    await removeLeftovers().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('installs and starts every host in order, and clusterList on the test host shows both groups', async () => {
    const inventory = join(work, 'hosts.txt');
    writeFileSync(
      inventory,
      [
        '# test inventory: address, then what runs there',
        ...hosts.map((host, index) => `${host.address}  ${LAYOUT[index]?.join(' ')}`),
        '',
      ].join('\n'),
    );
    const started = Date.now();
    const { stdout } = await exec(
      join(WORKSPACE_ROOT, 'deploy/rollout.sh'),
      [
        '--inventory',
        inventory,
        '--deb',
        DEB,
        '--mode',
        '2m-2s-sync',
        '--ssh-identity',
        key,
        '--ssh-option',
        'StrictHostKeyChecking=no',
        '--ssh-option',
        'UserKnownHostsFile=/dev/null',
        '--ssh-option',
        'LogLevel=ERROR',
      ],
      { timeout: 600_000 },
    );
    process.stdout.write(`${stdout}\nrollout to 4 hosts: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const [first, second] = hosts;
    const namesrvs = [`${first?.address}:9876`, `${second?.address}:9876`];
    for (const namesrv of namesrvs) {
      await waitFor(async () => JSON.stringify(await groupsOf(namesrv)) === JSON.stringify({ 'broker-a': [0, 1], 'broker-b': [0, 1] }), {
        timeoutMs: 60_000,
        intervalMs: 1000,
        reason: `both groups with master and slave on ${namesrv}`,
      });
    }
    const { stdout: clusterList } = await exec(join(WORKSPACE_ROOT, 'bin/mqadmin'), ['clusterList', '-n', namesrvs.join(';')], {
      timeout: 60_000,
    });
    process.stdout.write(clusterList);
    for (const [index, brokerName, id] of [
      [0, 'broker-a', 0],
      [1, 'broker-a', 1],
      [2, 'broker-b', 0],
      [3, 'broker-b', 1],
    ] as const) {
      expect(clusterList).toMatch(new RegExp(`${brokerName}\\s+${id}\\s+${hosts[index]?.address.replaceAll('.', '\\.')}:`));
    }

    const topic = uniqueName('RolloutTopic');
    await updateTopicOnCluster(namesrvs[0] as string, topic);
    const acks = await javaSend(namesrvs, topic, 'rollout', 200);
    expect(acks.length).toBe(200);
    expect(new Set(acks.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));
  });
});
