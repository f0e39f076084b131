import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { writeRequestLogLine } from '../operations/json-logger.js';
import { headerOf, pathOf, type ApiRequest } from './api-request.js';

export const CORRELATION_HEADER = 'X-Correlation-Id';

// A caller's id is echoed into logs and event metadata, so only a plain token is taken as given.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request its id and correlation id (the caller's, or a new one), echoes the latter, and
 * writes one JSON log line per request once the answer has gone out. Fastify hooks rather than
 * middleware: they run for unknown routes and refused bodies too, without a middleware engine.
 */
export const registerCorrelationAndLog = (fastify: FastifyInstance): void => {
  // Declared up front so every request object keeps one shape (Fastify's advice for speed).
  fastify.decorateRequest('correlationId', '');
  fastify.decorateRequest('requestId', '');
  fastify.decorateRequest('caller', null);
  fastify.addHook('onRequest', (fastifyRequest, reply, done) => {
    const request = fastifyRequest as ApiRequest;
    const given = headerOf(request, CORRELATION_HEADER);
    request.requestId = randomUUID();
    request.correlationId =
      given !== undefined && ACCEPTABLE_CORRELATION_ID.test(given) ? given : request.requestId;
    reply.header(CORRELATION_HEADER, request.correlationId);
    done();
  });
  fastify.addHook('onResponse', (fastifyRequest, reply, done) => {
    const request = fastifyRequest as ApiRequest;
    writeRequestLogLine({
      method: request.method,
      path: pathOf(request),
      status: reply.statusCode,
      durationMs: reply.elapsedTime,
      correlationId: request.correlationId,
      actor: request.caller?.actor,
    });
    done();
  });
};
