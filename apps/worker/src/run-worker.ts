import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { KamConfig } from '@kam/config';
import { WorkerModule } from './worker.module.js';
import type { WorkerOptions } from './worker.options.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Runs the workers until SIGTERM or SIGINT, then shuts down in order: the job in hand finishes,
 * the connections close, and the promise resolves (exit code 0). Nest's own signal hooks are not
 * used: they re-raise the signal, which would end the process before the drain is reported.
 */
export const runWorker = async (
  config: KamConfig,
  options: WorkerOptions & Readonly<{ onReady?: () => void; onStopping?: (signal: string) => void }>,
): Promise<void> => {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    logger: process.env.KAM_DEBUG ? ['error', 'warn', 'log'] : ['error', 'warn'],
    abortOnError: false,
  });
  options.onReady?.();
  const signal = await new Promise<string>((resolve) => {
    for (const name of SIGNALS) process.once(name, () => resolve(name));
  });
  options.onStopping?.(signal);
  await app.close();
};
