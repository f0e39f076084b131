import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { idempotentRequestOf } from './idempotent-request.js';
import { IdempotencyStore } from './idempotency.store.js';

/** Set on every POST route that honours Idempotency-Key; IdempotencyModule checks them all at boot. */
export const IDEMPOTENT_ROUTE = 'kam:idempotent-route';

/**
 * Idempotency-Key for the POST routes that are not account commands (evaluations, rebuilds). The
 * account commands honour it in AccountCommandSender instead: any interceptor on a route puts each of
 * its requests through Nest's RxJS pipeline, ~50 µs of a command's CPU whether a key is sent or not.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = idempotentRequestOf(context);
    if (request === null) return next.handle();
    return from(this.store.run(request, () => lastValueFrom(next.handle())));
  }
}

/** Marks a POST route as honouring Idempotency-Key through the interceptor. */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(SetMetadata(IDEMPOTENT_ROUTE, true), UseInterceptors(IdempotencyInterceptor));
