import { at, type Logger, silentLogger, splitAddressList } from '@rocketmq-ts/base';
import { createRequest, describeResponseCode, type ExtFields, type RemotingCommand, ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient, RemotingError } from '@rocketmq-ts/remoting';

import { type ClientSecurityOptions, remotingSecurityOptions } from '../core/client-security';
import { MQBrokerError, MQClientError } from '../errors';

/** Java's DefaultMQAdminExt timeoutMillis default. */
export const DEFAULT_ADMIN_TIMEOUT_MS = 5_000;

export interface MQAdminOptions extends ClientSecurityOptions {
  /** One `host:port` or several; a `;`-separated string is split as Java splits it. */
  readonly namesrvAddr: string | readonly string[];
  /** Per request. Default 5000. */
  readonly requestTimeoutMs?: number;
  /** Per connection attempt; the remoting client's default otherwise. */
  readonly connectTimeoutMs?: number;
  readonly logger?: Logger;
}

export interface AdminRequest {
  readonly code: number;
  readonly extFields?: ExtFields;
  readonly body?: Buffer;
}

/**
 * The admin client's wire: one RemotingClient, name server calls that move to the next name
 * server when one cannot be reached (and stick to the one that answered), and broker calls.
 * Answers come back whatever their code; `expectSuccess` turns a refusal into a typed error.
 */
export class AdminTransport {
  readonly remoting: RemotingClient;
  readonly namesrvAddrs: readonly string[];
  readonly timeoutMs: number;
  readonly logger: Logger;
  private namesrvIndex = 0;

  constructor(options: MQAdminOptions) {
    this.namesrvAddrs = splitAddressList(options.namesrvAddr);
    if (this.namesrvAddrs.length === 0) throw new MQClientError('no name server address given', { retriable: false });
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_ADMIN_TIMEOUT_MS;
    this.logger = (options.logger ?? silentLogger).child({ component: 'mq-admin' });
    this.remoting = new RemotingClient({
      logger: this.logger,
      connectTimeoutMs: options.connectTimeoutMs,
      ...remotingSecurityOptions(options),
    });
  }

  /** One name server's answer, trying the others in turn while they cannot be reached. */
  async namesrv(request: AdminRequest): Promise<{ readonly addr: string; readonly response: RemotingCommand }> {
    let lastError: unknown;
    for (let tried = 0; tried < this.namesrvAddrs.length; tried += 1) {
      const index = (this.namesrvIndex + tried) % this.namesrvAddrs.length;
      const addr = at(this.namesrvAddrs, index, 'namesrvAddrs');
      try {
        const response = await this.remoting.invoke(addr, toCommand(request), this.timeoutMs);
        this.namesrvIndex = index;
        return { addr, response };
      } catch (error) {
        if (!(error instanceof RemotingError)) throw error;
        lastError = error;
        this.logger.warn({ err: error, namesrv: addr, code: request.code }, 'name server unreachable; trying the next one');
      }
    }
    throw new MQClientError(`no name server reachable (${this.namesrvAddrs.join(', ')})`, { cause: lastError, retriable: true });
  }

  /**
   * The answers of every reachable name server (for writes each of them must see); one that cannot
   * be reached is logged and skipped, as it holds nothing until brokers register with it again.
   */
  async everyNamesrv(request: AdminRequest): Promise<Array<{ readonly addr: string; readonly response: RemotingCommand }>> {
    const answers: Array<{ readonly addr: string; readonly response: RemotingCommand }> = [];
    let lastError: unknown;
    for (const addr of this.namesrvAddrs) {
      try {
        answers.push({ addr, response: await this.remoting.invoke(addr, toCommand(request), this.timeoutMs) });
      } catch (error) {
        if (!(error instanceof RemotingError)) throw error;
        lastError = error;
        this.logger.warn({ err: error, namesrv: addr, code: request.code }, 'name server unreachable; skipped');
      }
    }
    if (answers.length === 0)
      throw new MQClientError(`no name server reachable (${this.namesrvAddrs.join(', ')})`, { cause: lastError, retriable: true });
    return answers;
  }

  /** One server's answer, no failover: a broker, or a name server a caller names on purpose. */
  at(addr: string, request: AdminRequest): Promise<RemotingCommand> {
    return this.remoting.invoke(addr, toCommand(request), this.timeoutMs);
  }

  broker(addr: string, request: AdminRequest): Promise<RemotingCommand> {
    return this.at(addr, request);
  }

  close(): Promise<void> {
    return this.remoting.close();
  }
}

/** The response when its code is SUCCESS (or one of `accepted`); else MQBrokerError naming the peer. */
export function expectSuccess(peer: string, response: RemotingCommand, accepted: readonly number[] = []): RemotingCommand {
  if (response.code === ResponseCode.SUCCESS || accepted.includes(response.code)) return response;
  throw new MQBrokerError(peer, response.code, response.remark);
}

/** The body of a successful answer; an empty body counts as a protocol failure. */
export function successBody(peer: string, response: RemotingCommand): Buffer {
  const body = expectSuccess(peer, response).body;
  if (body === undefined)
    throw new MQClientError(`${peer} answered ${describeResponseCode(response.code)} without a body`, { responseCode: response.code });
  return body;
}

function toCommand(request: AdminRequest): RemotingCommand {
  return createRequest(request.code, { extFields: request.extFields, body: request.body });
}
