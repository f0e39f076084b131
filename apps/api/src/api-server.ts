import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { KamConfig } from '@kam/config';
import { ApiModule } from './api.module.js';
import { answerRouterError } from './http/problem-details.filter.js';
import { registerSecurityHeaders } from './http/security-headers.hook.js';
import { registerCorrelationAndLog } from './http/correlation-and-log.hooks.js';
import { JsonLogger } from './operations/json-logger.js';
import { setupOpenApi } from './operations/openapi.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

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
  app: NestFastifyApplication;
  url: string;
  close: () => Promise<void>;
}>;

/**
 * JSON bodies as Express's body parser read them: an empty one is `{}`, and a body of another content
 * type is not read at all, so the validation pipe answers that the body must be a JSON object.
 */
const useJsonBodies = (app: NestFastifyApplication, fastify: FastifyInstance): void => {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (body.length === 0) done(null, {});
      else parseJson(request, body.toString('utf8'), done);
    },
  );
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
};

/**
 * Builds and starts the HTTP API. Shutdown (a signal or `close`) stops accepting connections, lets
 * in-flight requests finish, stops background modules, then closes the store.
 */
export const startApiServer = async (options: ApiServerOptions): Promise<RunningApiServer> => {
  const { config, port, host } = options;
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, {
      rateLimitPerMinute: options.rateLimitPerMinute,
      background: options.background,
      scheduleEvaluations: options.scheduleEvaluations,
    }),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // The middleware engine runs on every request; the API's per-request work is Fastify hooks.
      skipMiddie: true,
      frameworkErrors: answerRouterError,
      routerOptions: {
        // Express's tolerance, which clients may rely on: /Accounts/a-1/ finds /accounts/:id.
        caseSensitive: false,
        ignoreTrailingSlash: true,
        // Past Fastify's 100: a path carries ids and names of up to 200 characters, percent-encoded.
        maxParamLength: 2048,
      },
    }),
    // Only the JSON parser below: the API takes JSON bodies alone, and Nest's default pair would also
    // accept form posts as commands.
    { logger: new JsonLogger(Boolean(process.env.KAM_DEBUG)), abortOnError: false, bodyParser: false },
  );
  try {
    const fastify = app.getHttpAdapter().getInstance();
    registerCorrelationAndLog(fastify);
    registerSecurityHeaders(fastify);
    useJsonBodies(app, fastify);
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
