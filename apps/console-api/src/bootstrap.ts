import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from '@rocketmq-ts/base';
import { NestLoggerBridge } from '@rocketmq-ts/nest-remoting';

import { AdminGateway, isSystemGroup } from './admin/admin-gateway';
import { AuthService } from './auth/auth.service';
import { loadUsersFile } from './auth/users-file';
import type { ConsoleConfig } from './config/console-config.schema';
import { ConsoleModule } from './console.module';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { staticWeb } from './http/static-web';
import { ChartSampler } from './metrics/chart-sampler';

export interface StartedConsole {
  readonly app: INestApplication;
  readonly httpPort: number;
  /** Where the web UI is served from; undefined when no build was found (API only). */
  readonly webRoot: string | undefined;
}

/** JSON bodies: a 1 MiB test message plus its fields, never more. */
const BODY_LIMIT = '2mb';

/** Builds the app: API under /api/v1, OpenAPI at /api/docs, the web UI at /. httpPort 0 = ephemeral (specs). */
export async function startConsole(options: {
  readonly config: ConsoleConfig;
  readonly logger: Logger;
  readonly workspaceRoot: string;
}): Promise<StartedConsole> {
  const { config, logger } = options;
  const auth = new AuthService(
    {
      users: config.authDisabled ? undefined : loadUsersFile(config.usersFile),
      sessionTtlMs: config.sessionTtlMillis,
      secureCookies: config.secureCookies,
    },
    logger.child({ component: 'auth' }),
  );
  const gateway = new AdminGateway({
    namesrvAddr: config.namesrvAddr,
    requestTimeoutMs: config.requestTimeoutMillis,
    logger: logger.child({ component: 'admin' }),
  });
  const sampler = new ChartSampler(gateway, async () => (await gateway.consumerGroupNames()).filter((group) => !isSystemGroup(group)), {
    intervalMs: config.sampleIntervalMillis,
    history: config.sampleHistory,
    logger,
  });
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot({ config, logger, auth, gateway, sampler }), {
    logger: new NestLoggerBridge(logger),
    abortOnError: false,
    bodyParser: false,
    forceCloseConnections: true,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(requestLog(logger));
  app.use(securityHeaders);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('rocketmq-ts console API')
      .setDescription(
        'Clusters, topics, consumer groups, messages and DLQs of a RocketMQ cluster (docs/console.md). Log in with POST /api/v1/session; send X-CSRF-Token on every change.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  const webRoot = findWebRoot(config.webRoot, options.workspaceRoot);
  if (webRoot !== undefined) app.use(staticWeb(webRoot));
  else logger.warn('no web UI build found (npx nx run console-web:build); serving the API only');
  app.enableShutdownHooks();
  await app.listen(config.httpPort, config.bindAddress);
  sampler.start();
  app.getHttpServer().on('close', () => {
    sampler.stop();
    void gateway.close();
  });
  return { app, httpPort: (app.getHttpServer().address() as AddressInfo).port, webRoot };
}

function findWebRoot(configured: string, workspaceRoot: string): string | undefined {
  const candidates =
    configured !== '' ? [resolve(configured)] : [join(workspaceRoot, 'dist', 'apps', 'console-web'), join(__dirname, 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
