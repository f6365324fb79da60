import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  freePort,
  type ManagedProcess,
  spawnProcess,
  startLocalBroker,
  startLocalNamesrv,
  suiteTempDir,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

export const CLUSTER = 'ConsoleCluster';
export const BROKER_GROUPS = ['broker-a', 'broker-b'] as const;
export const ADMIN = { user: 'admin', password: 'admin-password-e2e' } as const;
export const VIEWER = { user: 'viewer', password: 'viewer-password-e2e' } as const;

export interface ConsoleCluster {
  readonly namesrvAddr: string;
  readonly brokerAddrs: readonly string[];
  readonly baseUrl: string;
  readonly console: ManagedProcess;
}

/**
 * One name server, two broker groups (masters broker-a and broker-b) of one cluster, and
 * console-api (bin/console-api, from source) with an admin and a viewer account in a users file,
 * every process on free ports. The web UI is served from dist/apps/console-web (the e2e target
 * builds it first).
 */
export async function startConsoleCluster(): Promise<ConsoleCluster> {
  const namesrv = await startLocalNamesrv({ label: 'console-namesrv', logFile: true });
  const brokers = await Promise.all(
    BROKER_GROUPS.map((brokerName) =>
      startLocalBroker({
        label: `console-${brokerName}`,
        namesrvAddr: namesrv.addr,
        brokerName,
        logFile: true,
        settings: { brokerClusterName: CLUSTER },
      }),
    ),
  );
  const dir = suiteTempDir('console-api');
  const usersFile = join(dir.path, 'users.json');
  writeFileSync(
    usersFile,
    JSON.stringify({
      users: [
        { name: ADMIN.user, role: 'admin', passwordHash: hashPassword(ADMIN.password) },
        { name: VIEWER.user, role: 'viewer', passwordHash: hashPassword(VIEWER.password) },
      ],
    }),
  );
  const port = await freePort();
  const console = spawnProcess({
    name: 'console-api',
    command: join(WORKSPACE_ROOT, 'bin', 'console-api'),
    args: [
      `--namesrvAddr=${namesrv.addr}`,
      `--httpPort=${port}`,
      `--usersFile=${usersFile}`,
      '--sampleIntervalMillis=1000',
      '--logLevel=debug',
    ],
    cwd: WORKSPACE_ROOT,
    logFile: true,
  });
  await console.waitForPort(port, { timeoutMs: 90_000, reason: `console-api on 127.0.0.1:${port}` });
  const baseUrl = `http://127.0.0.1:${port}`;
  return { namesrvAddr: namesrv.addr, brokerAddrs: brokers.map((broker) => broker.addr), baseUrl, console };
}

/** The hash for the users file, made as an operator makes it: `bin/console-api hash-password` with the password on stdin. */
export function hashPassword(password: string): string {
  return execFileSync(join(WORKSPACE_ROOT, 'bin', 'console-api'), ['hash-password'], {
    input: `${password}\n`,
    encoding: 'utf8',
    cwd: WORKSPACE_ROOT,
  }).trim();
}

/** Until the name server lists both masters (a page opened earlier would show one). */
export async function waitForBrokers(client: ConsoleClient, count: number): Promise<void> {
  await waitFor(
    async () => {
      const answer = await client.get('/api/v1/clusters');
      const body = answer.body as { clusters?: Array<{ brokers: unknown[] }> };
      return answer.status === 200 && (body.clusters ?? []).reduce((sum, cluster) => sum + cluster.brokers.length, 0) >= count;
    },
    { timeoutMs: 60_000, intervalMs: 500, reason: `${count} brokers registered` },
  );
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/** An HTTP client with a cookie jar and the CSRF header, as the browser UI behaves. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(readonly baseUrl: string) {}

  async login(user: string, password: string): Promise<Answer> {
    const answer = await this.request('POST', '/api/v1/session', { user, password });
    if (answer.status === 200) this.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }

  get(path: string): Promise<Answer> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<Answer> {
    return this.request('POST', path, body);
  }

  put(path: string, body?: unknown): Promise<Answer> {
    return this.request('PUT', path, body);
  }

  delete(path: string): Promise<Answer> {
    return this.request('DELETE', path);
  }

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken !== '' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = (pair ?? '').indexOf('=');
      if (at > 0) this.cookies.set((pair as string).slice(0, at), (pair as string).slice(at + 1));
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
}
