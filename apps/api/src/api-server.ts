import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import type { KamConfig } from '@kam/config';
import { ApiModule } from './api.module.js';
import { correlationAndLogMiddleware } from './http/correlation.middleware.js';
import { JsonLogger } from './operations/json-logger.js';
import { setupOpenApi } from './operations/openapi.js';

export const BODY_LIMIT = '64kb';

export type ApiServerOptions = Readonly<{
  config: KamConfig;
  port: number;
  host: string;
  rateLimitPerMinute: number;
  background?: readonly (DynamicModule | Type)[];
  scheduleEvaluations?: boolean;
  /** Exit the process once a SIGTERM/SIGINT shutdown has finished (true for `kam serve`). */
  exitOnSignal?: boolean;
}>;

export type RunningApiServer = Readonly<{
  app: NestExpressApplication;
  url: string;
  close: () => Promise<void>;
}>;

/**
 * Builds and starts the HTTP API. Shutdown (a signal or `close`) stops accepting connections, lets
 * in-flight requests finish, stops background modules, then closes the store.
 */
export const startApiServer = async (options: ApiServerOptions): Promise<RunningApiServer> => {
  const { config, port, host } = options;
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config, {
      rateLimitPerMinute: options.rateLimitPerMinute,
      background: options.background,
      scheduleEvaluations: options.scheduleEvaluations,
    }),
    // Only the JSON parser below: the API takes JSON bodies alone, and Nest's default pair would also
    // run a URL-encoded parser's checks on every request (and accept form posts as commands).
    { logger: new JsonLogger(Boolean(process.env.KAM_DEBUG)), abortOnError: false, bodyParser: false },
  );
  try {
    app.use(correlationAndLogMiddleware);
    // No upgrade-insecure-requests: the API is plain HTTP behind whatever terminates TLS, and the
    // directive would send Swagger UI's own assets to an https:// that is not there.
    app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
    // Express's body-hash ETags would compete with the revision ETags of GET /accounts/{id}.
    app.set('etag', false);
    // Helmet removes the header anyway; not setting it saves both steps on every response.
    app.disable('x-powered-by');
    app.useBodyParser('json', { limit: BODY_LIMIT });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: options.exitOnSignal ?? false });
    setupOpenApi(app);
    await app.listen(port, host);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { app, url: `http://${shownHost}:${address.port}`, close: () => app.close() };
};
