import type { AddressInfo } from 'node:net';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { NestLoggerBridge, RemotingServerService } from '@rocketmq-ts/nest-remoting';

import { ControllerModule, type ControllerRuntime } from './controller.module';

export interface StartedController {
  readonly app: INestApplication;
  readonly remotingPort: number;
  readonly httpPort: number;
}

/**
 * Builds the Nest app and starts serving: HTTP (/health, /metrics) and, during bootstrap, remoting
 * on this node's peer port. Used by main.ts, by the name server's embedded controller and by
 * in-process wire specs.
 */
export async function startController(runtime: ControllerRuntime): Promise<StartedController> {
  const app = await NestFactory.create(ControllerModule.forRoot(runtime), {
    logger: new NestLoggerBridge(runtime.logger),
    abortOnError: false,
    forceCloseConnections: true,
  });
  await app.listen(runtime.topology.httpPort, runtime.config.bindAddress);
  const httpAddress = app.getHttpServer().address() as AddressInfo;
  return { app, remotingPort: app.get(RemotingServerService).port, httpPort: httpAddress.port };
}
