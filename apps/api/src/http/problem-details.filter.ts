import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { writeLogLine } from '../operations/json-logger.js';
import type { ApiRequest, ApiResponse } from './api-request.js';
import { mapErrorToProblem, type MappedProblem } from './problem-mapping.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const sendProblem = (response: ApiResponse, mapped: MappedProblem): void => {
  for (const [name, value] of Object.entries(mapped.headers)) response.setHeader(name, value);
  response.status(mapped.problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(mapped.problem));
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
        path: request.path,
        stack: fault && error instanceof Error ? error.stack : undefined,
      });
    }
    if (response.headersSent) return;
    sendProblem(response, mapped);
  }
}
