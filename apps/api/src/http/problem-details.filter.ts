import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyError, FastifyReply } from 'fastify';
import { writeLogLine } from '../operations/json-logger.js';
import { pathOf, type ApiRequest, type ApiResponse } from './api-request.js';
import { withSecurityHeaders } from './security-headers.hook.js';
import { mapErrorToProblem, type MappedProblem } from './problem-mapping.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const sendProblem = (response: ApiResponse, mapped: MappedProblem): void => {
  void response
    .headers(mapped.headers)
    .code(mapped.problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(mapped.problem));
};

/**
 * Fastify's router answers a URL it cannot decode (a malformed percent-encoding) before any hook or
 * filter runs; its answer is a problem document too, with the security headers.
 */
export const answerRouterError = (error: FastifyError, _request: unknown, reply: FastifyReply): void => {
  const status = error.statusCode ?? 400;
  sendProblem(
    withSecurityHeaders(reply),
    mapErrorToProblem(new HttpException(error.message, status, { cause: error })),
  );
};

/** The one exception filter: every error leaves the API as a problem document. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const response = http.getResponse<ApiResponse>();
    const mapped = mapErrorToProblem(error);
    if (mapped.problem.status >= 500) {
      // A 500 is a fault of the server and needs its stack; a 503 or 504 is a state it reports.
      const fault = mapped.problem.status === 500;
      writeLogLine(fault ? 'error' : 'warn', error instanceof Error ? error.message : String(error), {
        correlationId: request.correlationId,
        method: request.method,
        path: pathOf(request),
        stack: fault && error instanceof Error ? error.stack : undefined,
      });
    }
    if (response.sent) return;
    sendProblem(response, mapped);
  }
}
