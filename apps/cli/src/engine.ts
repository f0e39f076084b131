import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { AccountRepository, KamCoreModule } from '@kam/application';
import type { KamConfig } from '@kam/config';
import { EVENT_STORE, type EventStore } from '@kam/event-store';

export type Engine = Readonly<{
  app: INestApplicationContext;
  config: KamConfig;
  store: EventStore;
  commandBus: CommandBus;
  repository: AccountRepository;
  close: () => Promise<void>;
}>;

/** Boots the engine's Nest context for one CLI command; Nest's own logs stay off stdout. */
export const bootEngine = async (
  config: KamConfig,
  options: Readonly<{ clock?: () => Date }> = {},
): Promise<Engine> => {
  const app = await NestFactory.createApplicationContext(KamCoreModule.forRoot(config, options), {
    logger: process.env.KAM_DEBUG ? ['error', 'warn', 'log'] : false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return {
    app,
    config,
    store: app.get<EventStore>(EVENT_STORE),
    commandBus: app.get(CommandBus),
    repository: app.get(AccountRepository),
    close: () => app.close(),
  };
};

export const withEngine = async <T>(
  config: KamConfig,
  work: (engine: Engine) => Promise<T>,
  options: Readonly<{ clock?: () => Date }> = {},
): Promise<T> => {
  const engine = await bootEngine(config, options);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
};
