import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { READ_MODELS } from '../read-models/read-models.module.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore } from './idempotency.store.js';

class IdempotencyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}
  onApplicationShutdown(): void {
    this.store.close();
  }
}

@Global()
@Module({})
export class IdempotencyModule {
  static forRoot(sqliteFile: string): DynamicModule {
    return {
      module: IdempotencyModule,
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
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [IdempotencyStore],
    };
  }
}
