import type { AddressInfo } from 'node:net';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { NestLoggerBridge } from '@rocketmq-ts/nest-remoting';

import { ExporterModule, type ExporterRuntime } from './exporter.module';

export interface StartedExporter {
  readonly app: INestApplication;
  readonly httpPort: number;
}

/** Builds the Nest app and serves /metrics and /health on httpPort (0 = ephemeral, for specs). */
export async function startExporter(runtime: ExporterRuntime): Promise<StartedExporter> {
  const app = await NestFactory.create(ExporterModule.forRoot(runtime), {
    logger: new NestLoggerBridge(runtime.logger),
    abortOnError: false,
    // Keep-alive HTTP clients (Prometheus) must not hold shutdown open.
    forceCloseConnections: true,
  });
  await app.listen(runtime.config.httpPort, runtime.config.bindAddress);
  return { app, httpPort: (app.getHttpServer().address() as AddressInfo).port };
}
