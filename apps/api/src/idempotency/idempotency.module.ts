import {
  Global,
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { READ_MODELS } from '../read-models/read-models.module.js';
import { originOfContext } from '../http/command-origin.decorator.js';
import { IDEMPOTENT_ROUTE, IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore } from './idempotency.store.js';

class IdempotencyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}
  onApplicationShutdown(): void {
    this.store.close();
  }
}

const interceptorsOf = (target: object): readonly unknown[] =>
  (Reflect.getMetadata(INTERCEPTORS_METADATA, target) as unknown[] | undefined) ?? [];

type RouteArgument = Readonly<{ factory?: unknown }>;

/** Whether the handler takes @Origin(), through which AccountCommandSender sees the key. */
const takesOrigin = (controller: object, name: string): boolean =>
  Object.values(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) as
      Record<string, RouteArgument> | undefined) ?? {},
  ).some((argument) => argument.factory === originOfContext);

/**
 * The promise "Idempotency-Key on any POST" holds only if no POST route forgot it: each has the
 * interceptor (`@Idempotent()`), or is a command endpoint whose handler takes `@Origin()`.
 */
class IdempotencyCoverage implements OnApplicationBootstrap {
  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const missing: string[] = [];
    for (const { metatype } of this.discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const classWide = interceptorsOf(metatype).includes(IdempotencyInterceptor);
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
        const intercepted = classWide || interceptorsOf(handler).includes(IdempotencyInterceptor);
        const command =
          Reflect.getMetadata(IDEMPOTENT_ROUTE, handler) === true && takesOrigin(metatype, name);
        if (!intercepted && !command) missing.push(`${metatype.name}.${name}`);
      }
    }
    if (missing.length > 0)
      throw new Error(`POST routes that would ignore Idempotency-Key: ${missing.join(', ')}`);
  }
}

@Global()
@Module({})
export class IdempotencyModule {
  static forRoot(sqliteFile: string): DynamicModule {
    return {
      module: IdempotencyModule,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: IdempotencyStore,
          // After the read models: their schema is created in a transaction that spans awaits, and a
          // write on another connection of this process meanwhile would block the event loop.
          useFactory: () => {
            const store = IdempotencyStore.open(sqliteFile);
            store.forgetOlderThan(new Date(Date.now() - IDEMPOTENCY_RETENTION_MS));
            return store;
          },
          inject: [READ_MODELS],
        },
        IdempotencyStoreCloser,
        IdempotencyCoverage,
      ],
      exports: [IdempotencyStore],
    };
  }
}
