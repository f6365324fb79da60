import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import { compose, docker } from './compose';

// Grafana cannot run on this machine (no image, and its source is not built here), so its side of
// the stack is checked as files and through the engine: the compose service mounts what the
// provisioning files point at, and the provisioned datasource URL answers from a container on the
// host network with the service's extra host.

interface ComposeVolume {
  readonly source?: string;
  readonly target: string;
}

interface GrafanaService {
  readonly network_mode?: string;
  readonly extra_hosts?: readonly string[] | Readonly<Record<string, string | readonly string[]>>;
  readonly volumes?: readonly ComposeVolume[];
}

const GRAFANA_DIR = join(WORKSPACE_ROOT, 'compose/grafana');

/** `key: value` of a generated provisioning file (flat scalars are all the check needs). */
function yamlScalar(file: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}:\\s*(\\S+)\\s*$`, 'm').exec(readFileSync(join(GRAFANA_DIR, file), 'utf8'))?.[1];
}

function extraHost(service: GrafanaService, name: string): string | undefined {
  const hosts = service.extra_hosts;
  if (hosts === undefined) return undefined;
  if (Array.isArray(hosts)) return hosts.map((entry: string) => entry.split(/[=:]/, 2)).find(([host]) => host === name)?.[1];
  const value = (hosts as Readonly<Record<string, string | readonly string[]>>)[name];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}

/** What keeps the provisioned Grafana from opening its dashboards with data; empty when nothing. */
export async function grafanaProvisioningProblems(): Promise<string[]> {
  const problems: string[] = [];
  const config = JSON.parse(await compose(['--profile', 'grafana', 'config', '--format', 'json'])) as {
    services: Record<string, GrafanaService | undefined>;
  };
  const grafana = config.services['grafana'];
  if (grafana === undefined) return ['no grafana service under --profile grafana'];
  const mountOf = (target: string): string | undefined => grafana.volumes?.find((volume) => volume.target === target)?.source;
  if (mountOf('/etc/grafana/provisioning') !== join(GRAFANA_DIR, 'provisioning'))
    problems.push('compose/grafana/provisioning is not mounted at /etc/grafana/provisioning');
  const dashboardsPath = yamlScalar('provisioning/dashboards/rocketmq.yaml', 'path');
  if (dashboardsPath === undefined || mountOf(dashboardsPath) !== join(GRAFANA_DIR, 'dashboards'))
    problems.push(`the dashboards provider reads ${dashboardsPath}, where compose/grafana/dashboards is not mounted`);

  const url = new URL(yamlScalar('provisioning/datasources/prometheus.yaml', 'url') ?? 'http://missing');
  const address = extraHost(grafana, url.hostname);
  if (grafana.network_mode !== 'host' || address !== '127.0.0.1')
    problems.push(`grafana must share the host network with ${url.hostname} mapped to 127.0.0.1 (has ${grafana.network_mode}, ${address})`);
  // The datasource URL as Grafana would fetch it: busybox wget of the Prometheus image stands in for Grafana.
  const image = (await docker(['inspect', '-f', '{{.Config.Image}}', 'rocketmq-ts-prometheus-1'])).trim();
  const buildInfo = await docker([
    'run',
    '--rm',
    '--network',
    'host',
    '--add-host',
    `${url.hostname}:${address ?? '127.0.0.1'}`,
    '--entrypoint',
    'wget',
    image,
    '-q',
    '-O',
    '-',
    `${url.origin}/api/v1/status/buildinfo`,
  ]).catch((error: Error) => `failed: ${error.message}`);
  if (!buildInfo.includes('"status":"success"')) problems.push(`datasource ${url.origin} unreachable from the host network: ${buildInfo}`);

  // Every panel reads `${datasource}`, a variable over the Prometheus datasources whose default is the provisioned default one.
  if (yamlScalar('provisioning/datasources/prometheus.yaml', 'isDefault') !== 'true')
    problems.push('the provisioned Prometheus datasource is not the default');
  for (const file of readdirSync(join(GRAFANA_DIR, 'dashboards')).filter((name) => name.endsWith('.json'))) {
    if (!readFileSync(join(GRAFANA_DIR, 'dashboards', file), 'utf8').includes('"query": "prometheus"'))
      problems.push(`${file} has no Prometheus datasource variable`);
  }
  return problems;
}
