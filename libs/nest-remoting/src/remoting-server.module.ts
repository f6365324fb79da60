import { type DynamicModule, type InjectionToken, Module, type ModuleMetadata, type OptionalFactoryDependency } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';

import { REMOTING_SERVER_MODULE_OPTIONS, type RemotingServerModuleOptions } from './remoting-server-module-options';
import { RemotingServerService } from './remoting-server.service';

export interface RemotingServerModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  /**
   * Builds the options from injected config. Typed with `never[]` parameters so any
   * `(config: BrokerConfig) => …` factory is accepted without `any`.
   */
  readonly useFactory: (...args: never[]) => RemotingServerModuleOptions | Promise<RemotingServerModuleOptions>;
}

/**
 * Serves RocketMQ's classic protocol from a Nest application: every provider decorated with
 * @RemotingProcessor is registered for its codes at bootstrap; see RemotingServerService.
 */
@Module({})
export class RemotingServerModule {
  static forRootAsync(options: RemotingServerModuleAsyncOptions): DynamicModule {
    return {
      module: RemotingServerModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: REMOTING_SERVER_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => RemotingServerModuleOptions | Promise<RemotingServerModuleOptions>,
        },
        RemotingServerService,
      ],
      exports: [RemotingServerService],
    };
  }
}
