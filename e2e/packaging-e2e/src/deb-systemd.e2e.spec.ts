// Acceptance for issue 21 (one host): the .deb installed with dpkg on a Debian 13 server whose PID 1
// is systemd; the name server and two brokers started with systemctl; the Java client and ali-ons
// on the test host send and consume through them; `systemctl restart` of a broker under a send
// loop loses no acknowledged message; an upgrade keeps edited config; removal keeps data and
// config. The .rpm's layout and scripts are read with `rpm -qlp` / `rpm -qp --scripts` (no
// rpm-based root here).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { groupsOf, uniqueName, updateTopicOnCluster, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';
import { javaReceive, javaSend, OnsSendLoop, useOnsClients } from '@rocketmq-ts/testing/clients';

import { createNetwork, docker, type Host, removeLeftovers, startHost, unitState } from './support/hosts';

const exec = promisify(execFile);
const VERSION = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DEB = join(WORKSPACE_ROOT, 'dist/release', `rocketmq-ts_${VERSION}-1_all.deb`);
const RPM = join(WORKSPACE_ROOT, 'dist/release', `rocketmq-ts-${VERSION}-1.noarch.rpm`);
const NETWORK = 'rocketmq-ts-pkg-single';
const report: string[] = [];
const { closers } = useOnsClients();

describe('the .deb on a Debian server with systemd', () => {
  let host: Host;
  let namesrv: string;

  beforeAll(async () => {
    await removeLeftovers();
    await createNetwork(NETWORK);
    const started = Date.now();
    host = await startHost('rocketmq-ts-pkg-host', NETWORK);
    namesrv = `${host.address}:9876`;
    report.push(`server container up (systemd running) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    await removeLeftovers().catch(() => undefined);
    process.stdout.write(`\npackaging-e2e measurements:\n  ${report.join('\n  ')}\n`);
  });

  it('installs with dpkg: files in place, the rocketmq user, nothing started', async () => {
    // Not /tmp: systemd mounts a fresh tmpfs there once the container runs.
    await docker(['cp', DEB, `${host.name}:/root/rocketmq-ts.deb`]);
    await host.sh('dpkg -i /root/rocketmq-ts.deb');
    expect((await host.sh('id -u rocketmq && stat -c "%U %a" /var/lib/rocketmq-ts /var/log/rocketmq-ts')).trim().split('\n')).toEqual([
      expect.stringMatching(/^\d+$/),
      'rocketmq 750',
      'rocketmq 750',
    ]);
    expect((await host.sh('ls /opt/rocketmq-ts/bin')).trim().split('\n')).toEqual(
      expect.arrayContaining(['mqadmin', 'mqbroker', 'mqnamesrv', 'mqexporter', 'wait-healthy']),
    );
    expect((await host.sh('readlink /usr/bin/mqadmin')).trim()).toBe('/opt/rocketmq-ts/bin/mqadmin');
    expect(
      (await host.sh("dpkg-query -W -f '${Conffiles}' rocketmq-ts"))
        .split('\n')
        .map((line) => line.trim().split(' ')[0])
        .filter(Boolean)
        .sort(),
    ).toEqual([
      '/etc/default/rocketmq-ts',
      '/etc/logrotate.d/rocketmq-ts',
      '/etc/rocketmq-ts/broker-a.properties',
      '/etc/rocketmq-ts/console.properties',
      '/etc/rocketmq-ts/controller.properties',
      '/etc/rocketmq-ts/namesrv.properties',
    ]);
    expect((await unitState(host, 'rocketmq-namesrv.service'))['ActiveState']).toBe('inactive');
  });

  it('starts the name server and two brokers with systemctl; each start returns once it serves', async () => {
    // broker-b from the bundle's own layouts, as packaging/README.md tells an operator to do.
    await host.sh(
      'sed "s|^storePathRootDir=.*|storePathRootDir=/var/lib/rocketmq-ts/broker-b|" /opt/rocketmq-ts/conf/2m-noslave/broker-b.properties > /etc/rocketmq-ts/broker-b.properties',
    );
    const started = Date.now();
    await host.sh(
      'systemctl enable --now rocketmq-namesrv.service rocketmq-broker@broker-a.service rocketmq-broker@broker-b.service',
      300_000,
    );
    report.push(`systemctl enable --now namesrv + 2 brokers (health-checked): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const unit of ['rocketmq-namesrv.service', 'rocketmq-broker@broker-a.service', 'rocketmq-broker@broker-b.service']) {
      expect(await unitState(host, unit), unit).toMatchObject({ ActiveState: 'active', SubState: 'running' });
    }
    // Runs as the rocketmq user, logs where the units say.
    expect((await host.sh('ps -o user= -p "$(systemctl show -p MainPID --value rocketmq-broker@broker-a)"')).trim()).toBe('rocketmq');
    expect(await host.sh('cat /var/log/rocketmq-ts/broker-broker-a.log')).toContain('boot success');
    await waitFor(async () => JSON.stringify(await groupsOf(namesrv)) === JSON.stringify({ 'broker-a': [0], 'broker-b': [0] }), {
      timeoutMs: 30_000,
      intervalMs: 1000,
      reason: 'both brokers registered',
    });
    expect(await host.sh('mqadmin clusterList -n 127.0.0.1:9876')).toMatch(/broker-a[\s\S]*broker-b/);
  });

  it('starts the controller, exporter and console units; mqadmin on the server reads the controller, the console serves its UI', async () => {
    await host.sh('systemctl start rocketmq-controller.service rocketmq-exporter.service rocketmq-console.service', 180_000);
    for (const unit of ['rocketmq-controller.service', 'rocketmq-exporter.service', 'rocketmq-console.service'])
      expect(await unitState(host, unit), unit).toMatchObject({ ActiveState: 'active', SubState: 'running' });
    expect(await host.sh('exec 3<>/dev/tcp/127.0.0.1/8082 && printf "GET / HTTP/1.0\\r\\n\\r\\n" >&3 && cat <&3')).toContain(
      '<title>RocketMQ console</title>',
    );
    expect(await host.sh('mqadmin getControllerMetaData -a 127.0.0.1:9878')).toMatch(/#ControllerLeaderAddress\s+127\.0\.0\.1:9878/);
    expect(await host.sh('exec 3<>/dev/tcp/127.0.0.1/5557 && printf "GET /metrics HTTP/1.0\\r\\n\\r\\n" >&3 && cat <&3')).toContain(
      'rocketmq_broker_up',
    );
  });

  it('takes sends from the Java client on the test host and delivers them', async () => {
    const topic = uniqueName('PkgTopic');
    await updateTopicOnCluster(namesrv, topic);
    const acks = await javaSend([namesrv], topic, 'pkg', 500);
    expect(acks.length).toBe(500);
    expect(new Set(acks.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));
    const received = await javaReceive([namesrv], topic, uniqueName('pkg_reader'), 500);
    expect(acks.map((ack) => ack.key).filter((key) => !received.has(key))).toEqual([]);
  });

  it('loses no acknowledged message across `systemctl restart` of a broker under a send loop', async () => {
    const topic = uniqueName('PkgRestart');
    await updateTopicOnCluster(namesrv, topic);
    const loop = new OnsSendLoop([namesrv], topic, 'restart', uniqueName('pkg_restart_producer'));
    await loop.start();
    closers.push(() => loop.stop());
    await waitFor(() => loop.acksOf('broker-a').length >= 100, {
      timeoutMs: 60_000,
      intervalMs: 100,
      reason: 'acks from broker-a before the restart',
    });
    const pidBefore = (await unitState(host, 'rocketmq-broker@broker-a.service'))['MainPID'];
    const started = Date.now();
    await host.sh('systemctl restart rocketmq-broker@broker-a.service', 180_000);
    report.push(
      `systemctl restart rocketmq-broker@broker-a: ${((Date.now() - started) / 1000).toFixed(1)} s (stop + health-checked start)`,
    );
    const after = await unitState(host, 'rocketmq-broker@broker-a.service');
    expect(after).toMatchObject({ ActiveState: 'active', SubState: 'running' });
    expect(after['MainPID']).not.toBe(pidBefore);
    // The stop was graceful: the old process exited 0 (journal of the unit).
    expect(
      await host.sh('journalctl -u rocketmq-broker@broker-a.service --no-pager -o cat | grep -c "Deactivated successfully" || true'),
    ).not.toMatch(/^0/);
    const restartedAt = Date.now();
    await waitFor(() => loop.acksOf('broker-a', restartedAt).length >= 50, {
      timeoutMs: 90_000,
      intervalMs: 200,
      reason: 'broker-a takes sends again',
    });
    await loop.stop();
    report.push(`restart under load: ${loop.acks.length} acknowledged, ${loop.failures.length} failed sends`);
    const received = await javaReceive([namesrv], topic, uniqueName('pkg_restart_reader'), loop.acks.length);
    expect(loop.acks.map((ack) => ack.key).filter((key) => !received.has(key))).toEqual([]);
  });

  it('keeps edited configuration and data through an upgrade (dpkg -i over the installed package), units running', async () => {
    await host.sh('echo "# edited by the operator" >> /etc/rocketmq-ts/namesrv.properties');
    const commitLogBefore = (await host.sh('du -sb /var/lib/rocketmq-ts/broker-a/commitlog | cut -f1')).trim();
    await host.sh('dpkg -i /root/rocketmq-ts.deb', 180_000);
    expect(await host.sh('tail -1 /etc/rocketmq-ts/namesrv.properties')).toContain('# edited by the operator');
    expect((await host.sh('du -sb /var/lib/rocketmq-ts/broker-a/commitlog | cut -f1')).trim()).toBe(commitLogBefore);
    expect(await unitState(host, 'rocketmq-broker@broker-a.service')).toMatchObject({ ActiveState: 'active' });
  });

  it('keeps data and configuration when the package is removed', async () => {
    await host.sh('apt-get remove -y rocketmq-ts', 180_000);
    for (const unit of ['rocketmq-namesrv.service', 'rocketmq-broker@broker-a.service'])
      expect((await unitState(host, unit))['ActiveState'], unit).toBe('inactive');
    expect((await host.sh('test -e /opt/rocketmq-ts/bin/mqbroker && echo present || echo gone')).trim()).toBe('gone');
    expect((await host.sh('ls /etc/rocketmq-ts')).trim().split('\n').sort()).toEqual([
      'broker-a.properties',
      'broker-b.properties',
      'console.properties',
      'controller.properties',
      'namesrv.properties',
    ]);
    expect((await host.sh('ls /var/lib/rocketmq-ts/broker-a/commitlog | wc -l')).trim()).not.toBe('0');
    expect((await host.sh('id -u rocketmq')).trim()).toMatch(/^\d+$/);
  });

  it('builds an .rpm with the same layout and scripts (rpm -qlp, rpm -qp --scripts)', async () => {
    const { stdout: files } = await exec('rpm', ['-qlp', RPM]);
    for (const path of [
      '/opt/rocketmq-ts/bin/mqbroker',
      '/opt/rocketmq-ts/lib/broker/main.js',
      '/usr/lib/systemd/system/rocketmq-broker@.service',
      '/etc/rocketmq-ts/namesrv.properties',
      '/usr/bin/mqadmin',
    ]) {
      expect(files.split('\n'), path).toContain(path);
    }
    const { stdout: configs } = await exec('rpm', ['-qcp', RPM]);
    expect(configs.split('\n').filter(Boolean).sort()).toEqual([
      '/etc/default/rocketmq-ts',
      '/etc/logrotate.d/rocketmq-ts',
      '/etc/rocketmq-ts/broker-a.properties',
      '/etc/rocketmq-ts/console.properties',
      '/etc/rocketmq-ts/controller.properties',
      '/etc/rocketmq-ts/namesrv.properties',
    ]);
    const { stdout: scripts } = await exec('rpm', ['-qp', '--scripts', RPM]);
    expect(scripts).toMatch(/useradd --system/);
    expect(scripts).toMatch(/systemctl stop/);
    const { stdout: requires } = await exec('rpm', ['-qpR', RPM]);
    expect(requires).toMatch(/nodejs >= 20\.19/);
  });
});
