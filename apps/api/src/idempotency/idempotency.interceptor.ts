import {
  Inject,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { createHash } from 'node:crypto';
import { finalize, of, tap, type Observable } from 'rxjs';
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  RequestValidationError,
} from '../http/api-errors.js';
import { headerOf, type ApiRequest, type ApiResponse } from '../http/api-request.js';
import { IdempotencyStore } from './idempotency.store.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,200}$/;

/** Key order must not make two equal bodies look different. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const fingerprintOf = (request: ApiRequest): string =>
  createHash('sha256')
    .update(
      [
        request.method,
        request.originalUrl,
        headerOf(request, 'if-match') ?? '',
        canonicalJson(request.body),
      ].join('\n'),
    )
    .digest('hex');

/**
 * On every POST route (`@Idempotent()`; IdempotencyModule refuses to start when one lacks it), not
 * globally: a global interceptor puts every request, GETs included, through Nest's RxJS pipeline,
 * which cost the hot reads ~40 µs each.
 *
 * Idempotency-Key on a POST: the first successful answer is stored and returned again on a retry,
 * which writes nothing more. Only successes are stored: a rejected request wrote nothing, so its
 * retry may run again (after a 409 or 412 the caller is expected to fix the request first).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const key = headerOf(request, IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!ACCEPTABLE_KEY.test(key)) {
      throw new RequestValidationError([
        { field: IDEMPOTENCY_HEADER, rule: 'token', message: 'must be 1 to 200 visible ASCII characters' },
      ]);
    }
    const actor = request.caller?.actor ?? 'local';
    const fingerprint = fingerprintOf(request);
    const stored = this.store.find(actor, key);
    if (stored !== null) {
      if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key);
      http.getResponse<ApiResponse>().setHeader('Idempotent-Replayed', 'true');
      return of(JSON.parse(stored.body) as unknown);
    }
    if (!this.store.claim(actor, key)) throw new IdempotencyKeyInFlightError(key);
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
    return next.handle().pipe(
      tap((body) =>
        this.store.save(actor, key, { fingerprint, status: status ?? 201, body: JSON.stringify(body) }),
      ),
      finalize(() => this.store.release(actor, key)),
    );
  }
}

/** Marks a POST route as honouring Idempotency-Key. */
export const Idempotent = (): MethodDecorator & ClassDecorator => UseInterceptors(IdempotencyInterceptor);
