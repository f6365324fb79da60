import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { HandlerTable, type HandlerTableRow, RemotingServer, type RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { RemotingProcessor } from './remoting-processor.decorator';
import {
  DEFAULT_DRAIN_TIMEOUT_MS,
  REMOTING_SERVER_MODULE_OPTIONS,
  type RemotingServerModuleOptions,
  type RemotingServerView,
} from './remoting-server-module-options';

/** One decorated provider found at bootstrap. */
interface DiscoveredProcessor {
  readonly className: string;
  readonly handler: RemotingRequestHandler;
  readonly codes: readonly number[];
  readonly lane: string;
}

/**
 * Bridges Nest's container to the plain remoting server: at bootstrap it collects every
 * @RemotingProcessor provider, fills and freezes the handler table, then listens. At shutdown it
 * stops accepting, drains admitted requests up to `drainTimeoutMs`, then closes sockets.
 * Nest is involved only here, at boot and shutdown; requests never pass through it.
 */
@Injectable()
export class RemotingServerService implements OnApplicationBootstrap, BeforeApplicationShutdown, RemotingServerView {
  private readonly logger: Logger;
  private table: HandlerTable | undefined;
  private server: RemotingServer | undefined;
  private fastServer: RemotingServer | undefined;
  private boundPort: number | undefined;
  private boundFastPort: number | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(REMOTING_SERVER_MODULE_OPTIONS) private readonly options: RemotingServerModuleOptions,
  ) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'nest-remoting' });
  }

  /** The bound port, once the application has bootstrapped. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('remoting server has not started; call app.init() first');
    return this.boundPort;
  }

  /** The bound fast port (options.fastServer), undefined without one. */
  get fastPort(): number | undefined {
    return this.boundFastPort;
  }

  /** Open TCP connections now (accepted, not yet closed); 0 before the server starts and after it stops. */
  get connectionCount(): number {
    return this.server?.connectionCount ?? 0;
  }

  /** The frozen code → handler → lane table, for code-table snapshot tests. */
  handlerTableRows(): HandlerTableRow[] {
    if (!this.table) throw new Error('handler table is built at application bootstrap');
    return this.table.rows();
  }

  async onApplicationBootstrap(): Promise<void> {
    const processors = this.discoverProcessors();
    const table = this.buildTable(processors);
    this.table = table;
    this.server = new RemotingServer({ ...this.options, handlerTable: table });
    this.boundPort = await this.server.listen({ host: this.options.host, port: this.options.port });
    const fast = this.options.fastServer;
    if (fast !== undefined) {
      const excluded = new Set(fast.excludedCodes);
      const fastTable = this.buildTable(
        processors.map((processor) => ({ ...processor, codes: processor.codes.filter((code) => !excluded.has(code)) })),
      );
      const fastServer = new RemotingServer({ ...this.options, handlerTable: fastTable });
      try {
        this.boundFastPort = await fastServer.listen({ host: this.options.host, port: fast.port });
        this.fastServer = fastServer;
      } catch (error) {
        if (fast.optional !== true) throw error;
        this.logger.warn({ err: error, port: fast.port }, 'fast port not opened (busy); clients reach every code on the main port');
      }
    }
    for (const hook of this.options.hooks ?? []) hook.serverListening?.(this);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const drainTimeoutMs = this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    await Promise.all([this.server?.close({ drainTimeoutMs }), this.fastServer?.close({ drainTimeoutMs })]);
  }

  private discoverProcessors(): DiscoveredProcessor[] {
    const processors: DiscoveredProcessor[] = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: RemotingProcessor.KEY })) {
      const metadata = this.discovery.getMetadataByDecorator(RemotingProcessor, wrapper);
      if (!metadata) continue;
      const className = wrapper.metatype?.name ?? String(wrapper.name);
      if (!wrapper.isDependencyTreeStatic())
        throw new Error(`@RemotingProcessor ${className} must be a singleton (no request or transient scope)`);
      const handler = wrapper.instance as Partial<RemotingRequestHandler> | undefined;
      if (typeof handler?.handle !== 'function') throw new Error(`@RemotingProcessor ${className} has no handle(context, request) method`);
      if (metadata.codes.length === 0) throw new Error(`@RemotingProcessor ${className} declares no request codes`);
      processors.push({ className, handler: handler as RemotingRequestHandler, codes: metadata.codes, lane: metadata.lane });
    }
    return processors;
  }

  /** Registers every code; a duplicate fails the boot naming both classes, not their describe() names. */
  private buildTable(processors: readonly DiscoveredProcessor[]): HandlerTable {
    const table = new HandlerTable(this.options.lanes);
    const ownerByCode = new Map<number, string>();
    for (const processor of processors) {
      for (const code of processor.codes) {
        const owner = ownerByCode.get(code);
        if (owner !== undefined) {
          throw new Error(`request code ${code} is claimed by two @RemotingProcessor classes: ${owner} and ${processor.className}`);
        }
        ownerByCode.set(code, processor.className);
        table.register(code, processor.handler, processor.lane);
      }
    }
    table.freeze();
    if (this.logger.isLevelEnabled?.('debug') !== false) {
      this.logger.debug({ handlers: table.rows() }, 'remoting handler table (code -> handler -> lane)');
    }
    return table;
  }
}
