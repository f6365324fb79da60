import type { AddressInfo } from 'node:net';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { NestLoggerBridge, RemotingServerService } from '@rocketmq-ts/nest-remoting';

import { NamesrvModule } from './namesrv.module';
import type { NamesrvRuntime } from './namesrv-runtime.module';

export interface StartedNamesrv {
  readonly app: INestApplication;
  /** Bound remoting port (the configured one, or the ephemeral one when configured 0 in tests). */
  readonly remotingPort: number;
  readonly httpPort: number;
}

/**
 * Builds the Nest app and starts serving: HTTP (/health, /metrics) on httpPort and, during the
 * app's bootstrap, remoting on listenPort. Used by main.ts and by in-process wire tests, which
 * pass port 0 and a ManualClock.
 */
export async function startNamesrv(runtime: NamesrvRuntime): Promise<StartedNamesrv> {
  const app = await NestFactory.create(NamesrvModule.forRoot(runtime), {
    logger: new NestLoggerBridge(runtime.logger),
    abortOnError: false,
    // Keep-alive HTTP clients (Prometheus) must not hold shutdown open.
    forceCloseConnections: true,
  });
  await app.listen(runtime.config.httpPort, runtime.config.bindAddress);
  const httpAddress = app.getHttpServer().address() as AddressInfo;
  return { app, remotingPort: app.get(RemotingServerService).port, httpPort: httpAddress.port };
}
