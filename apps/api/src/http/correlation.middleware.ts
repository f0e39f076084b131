import { randomUUID } from 'node:crypto';
import { writeRequestLogLine } from '../operations/json-logger.js';
import { headerOf, type ApiRequest, type ApiResponse } from './api-request.js';

export const CORRELATION_HEADER = 'X-Correlation-Id';

// A caller's id is echoed into logs and event metadata, so only a plain token is taken as given.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request its id and correlation id (the caller's, or a new one), echoes the latter, and
 * writes one JSON log line per request when the response is finished.
 */
export const correlationAndLogMiddleware = (
  request: ApiRequest,
  response: ApiResponse,
  next: () => void,
): void => {
  const started = process.hrtime.bigint();
  const given = headerOf(request, CORRELATION_HEADER);
  request.requestId = randomUUID();
  request.correlationId =
    given !== undefined && ACCEPTABLE_CORRELATION_ID.test(given) ? given : request.requestId;
  response.setHeader(CORRELATION_HEADER, request.correlationId);
  response.on('finish', () => {
    writeRequestLogLine({
      method: request.method,
      path: request.originalUrl.split('?')[0],
      status: response.statusCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      correlationId: request.correlationId,
      actor: request.caller?.actor,
    });
  });
  next();
};
