import { at, type Logger } from '@rocketmq-ts/base';
import { type BrokerAddress, MQAdmin, TOOLS_CONSUMER_GROUP } from '@rocketmq-ts/client';
import type { ClusterInfo } from '@rocketmq-ts/protocol';

import { ProblemError } from '../http/problem';

/** The groups brokers create for themselves (Java's MixAll system groups); lists hide them unless asked. */
const SYSTEM_GROUPS: ReadonlySet<string> = new Set([
  TOOLS_CONSUMER_GROUP,
  'FILTERSRV_CONSUMER',
  'SELF_TEST_C_GROUP',
  'CID_ONS-HTTP-PROXY',
  'CID_ONSAPI_PULL',
  'CID_ONSAPI_PERMISSION',
  'CID_ONSAPI_OWNER',
]);

export function isSystemGroup(group: string): boolean {
  return SYSTEM_GROUPS.has(group) || group.startsWith('CID_RMQ_SYS_');
}

/** Cluster info is asked for by nearly every page; a short cache keeps a busy UI from flooding the name server. */
const CLUSTER_INFO_TTL_MS = 3000;

/**
 * console-api's only way to the cluster: libs/client's MQAdmin (no second protocol
 * implementation), plus the checks that keep user input from choosing where requests go: a
 * broker address or name given in a URL must be one the name server lists (no SSRF through the
 * console), and a write without a cluster goes to the only cluster there is.
 */
export class AdminGateway {
  readonly admin: MQAdmin;
  private cached: { readonly atMs: number; readonly info: Promise<ClusterInfo> } | undefined;

  constructor(options: { readonly namesrvAddr: string; readonly requestTimeoutMs: number; readonly logger: Logger }) {
    this.admin = new MQAdmin({ namesrvAddr: options.namesrvAddr, requestTimeoutMs: options.requestTimeoutMs, logger: options.logger });
  }

  /** Single-flight and cached for a few seconds; a failure is not cached. */
  clusterInfo(): Promise<ClusterInfo> {
    const now = Date.now();
    if (this.cached !== undefined && now - this.cached.atMs < CLUSTER_INFO_TTL_MS) return this.cached.info;
    const info = this.admin.clusterInfo();
    this.cached = { atMs: now, info };
    info.catch(() => {
      if (this.cached?.info === info) this.cached = undefined;
    });
    return info;
  }

  async brokers(): Promise<BrokerAddress[]> {
    const info = await this.clusterInfo();
    const brokers: BrokerAddress[] = [];
    for (const [cluster, names] of [...info.clusterAddrTable].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const brokerName of [...names].sort()) {
        const data = info.brokerAddrTable.get(brokerName);
        for (const [brokerId, addr] of [...(data?.brokerAddrs ?? [])].sort(([a], [b]) => a - b))
          brokers.push({ cluster, brokerName, brokerId, addr });
      }
    }
    return brokers;
  }

  /** Every subscription group any master holds, sorted. */
  async consumerGroupNames(): Promise<string[]> {
    const masters = (await this.brokers()).filter((broker) => broker.brokerId === 0);
    const tables = await Promise.all(masters.map((master) => this.admin.brokerSubscriptionGroups(master.addr)));
    return [...new Set(tables.flatMap((table) => [...table.keys()]))].sort();
  }

  /** 404 unless the name server lists this address (the console never dials an address a user typed). */
  async knownBroker(addr: string): Promise<BrokerAddress> {
    const broker = (await this.brokers()).find((one) => one.addr === addr);
    if (broker === undefined) throw new ProblemError(404, 'BROKER_NOT_FOUND', `no broker of the cluster listens on ${addr}`);
    return broker;
  }

  /** The named cluster (404 if unknown), or the only one; 400 when there are several and none was named. */
  async clusterOrOnly(name: string | undefined): Promise<string> {
    const clusters = [...(await this.clusterInfo()).clusterAddrTable.keys()].sort();
    if (name !== undefined) {
      if (!clusters.includes(name)) throw new ProblemError(404, 'CLUSTER_NOT_FOUND', `no cluster named ${name}`);
      return name;
    }
    if (clusters.length === 1) return at(clusters, 0, 'clusters');
    if (clusters.length === 0) throw new ProblemError(503, 'NO_CLUSTER', 'no broker is registered with the name server');
    throw new ProblemError(400, 'CLUSTER_REQUIRED', `name the cluster: ${clusters.join(', ')}`);
  }

  close(): Promise<void> {
    return this.admin.close();
  }
}
