import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiRole } from '@kam/config';

/** Who is calling, as the API-key guard established it. */
export type Caller = Readonly<{ actor: string; role: ApiRole }>;

/** What the edge learns about a request before a handler runs (declared on Fastify's request). */
export type RequestContext = {
  correlationId: string;
  requestId: string;
  caller: Caller | null;
};

export type ApiRequest = FastifyRequest & RequestContext;

export type ApiResponse = FastifyReply;

export const headerOf = (
  request: Readonly<{ headers: IncomingHttpHeaders }>,
  name: string,
): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** The path of the request as the caller sent it, without the query. */
export const pathOf = (request: Readonly<{ url: string }>): string => {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
};
