import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { KAM_CONFIG } from './tokens.js';
import type { KamConfig } from '@kam/config';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { AccountRepository } from '../account-repository.js';
import { openEventStore } from './event-store.factory.js';
import { ExecuteAccountCommandHandler } from './execute-account-command.handler.js';

class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The engine's core: configuration, the event store, and the account command path. */
@Module({})
export class KamCoreModule {
  static forRoot(config: KamConfig, options: Readonly<{ clock?: () => Date }> = {}): DynamicModule {
    return {
      module: KamCoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: KAM_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config, options) },
        {
          provide: AccountRepository,
          useFactory: (store: EventStore) => new AccountRepository(store),
          inject: [EVENT_STORE],
        },
        ExecuteAccountCommandHandler,
        EventStoreCloser,
      ],
      exports: [KAM_CONFIG, EVENT_STORE, AccountRepository, CqrsModule],
    };
  }
}
