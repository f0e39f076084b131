import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRole } from '@kam/config';

/** Who is calling, as the API-key guard established it. */
export type Caller = Readonly<{ actor: string; role: ApiRole }>;

/**
 * The parts of Express's request and response the API uses. Express ships no types of its own and
 * the project carries no @types/express, so the API names what it touches.
 */
export type ApiRequest = IncomingMessage & {
  body?: unknown;
  params: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, unknown>>;
  path: string;
  originalUrl: string;
  ip?: string;
  correlationId?: string;
  requestId?: string;
  caller?: Caller;
};

export type ApiResponse = ServerResponse & {
  status(code: number): ApiResponse;
  json(body: unknown): ApiResponse;
  send(body: string): ApiResponse;
  type(contentType: string): ApiResponse;
};

export const headerOf = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
