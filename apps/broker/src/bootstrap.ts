import type { AddressInfo } from 'node:net';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { NestLoggerBridge, RemotingServerService } from '@rocketmq-ts/nest-remoting';

import { BrokerModule } from './broker.module';
import type { BrokerRuntime } from './broker-runtime.module';
import { checkReplicationRole } from './config/replication-role';

export interface StartedBroker {
  readonly app: INestApplication;
  /** Bound remoting port (= listenPort). */
  readonly remotingPort: number;
  readonly httpPort: number;
}

/**
 * Builds the Nest app and starts serving: HTTP (/health, /metrics) on httpPort and, during the
 * app's bootstrap, remoting on listenPort. Used by main.ts and by in-process wire tests, which
 * pass a free listenPort, HTTP port 0, a ManualClock and possibly a store factory.
 */
export async function startBroker(given: BrokerRuntime): Promise<StartedBroker> {
  const role = checkReplicationRole(given.config);
  if (role.errors.length > 0) throw new Error(`invalid configuration: ${role.errors.join('; ')}`);
  const runtime: BrokerRuntime = { ...given, config: role.config };
  const app = await NestFactory.create(BrokerModule.forRoot(runtime), {
    logger: new NestLoggerBridge(runtime.logger),
    abortOnError: false,
    // Keep-alive HTTP clients (Prometheus) must not hold shutdown open.
    forceCloseConnections: true,
  });
  await app.listen(runtime.config.httpPort, runtime.config.bindAddress);
  const httpAddress = app.getHttpServer().address() as AddressInfo;
  return { app, remotingPort: app.get(RemotingServerService).port, httpPort: httpAddress.port };
}
