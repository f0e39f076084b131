import { Cron } from 'croner';
import path from 'node:path';
import { parseApiKeys } from './api-keys.js';

export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
export type ApiRole = 'viewer' | 'manager' | 'admin';
export type ApiKey = Readonly<{ name: string; role: ApiRole; keySha256: string }>;

/** The engine's configuration, typed and validated once at start-up. */
export type KamConfig = Readonly<{
  dataDir: string;
  sqliteFile: string;
  eventStore: EventStoreKind;
  databaseUrl: string | null;
  eventStoreConnectionString: string | null;
  redisUrl: string | null;
  evaluationCron: string;
  policyFile: string | null;
  port: number;
  apiKeys: readonly ApiKey[];
}>;

export const DEFAULT_EVALUATION_CRON = '0 2 * * *';

/** A wrong value stops start-up; the message names the variable and the rule. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value.trim();

const oneOf = <T extends string>(variable: string, value: string, allowed: readonly T[]): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(variable, `must be one of ${allowed.join(', ')} (got "${value}")`);
};

const parsePort = (value: string | null): number => {
  if (value === null) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 1 to 65535 (got "${value}")`);
  }
  return port;
};

const parseUrl = (variable: string, value: string | null, protocols: readonly string[]): string | null => {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `is not a valid URL (expected ${protocols.join(' or ')}//host:port/...)`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `must start with ${protocols.join(' or ')}// (got ${url.protocol}//)`);
  }
  return value;
};

export const validateCron = (variable: string, expression: string): string => {
  try {
    new Cron(expression, { paused: true }).stop();
    return expression;
  } catch (error) {
    throw new ConfigError(variable, `is not a valid cron expression: ${(error as Error).message}`);
  }
};

/** Reads the environment exactly once; `overrides` are what flags such as `--data-dir` set. */
export const loadConfig = (env: Env, overrides: Readonly<{ dataDir?: string }> = {}): KamConfig => {
  const dataDir = path.resolve(overrides.dataDir ?? nonEmpty(env.KAM_DATA_DIR) ?? './data');
  const eventStore = oneOf<EventStoreKind>('KAM_EVENT_STORE', nonEmpty(env.KAM_EVENT_STORE) ?? 'sqlite', [
    'sqlite',
    'postgres',
    'eventstoredb',
  ]);
  const databaseUrl = parseUrl('DATABASE_URL', nonEmpty(env.DATABASE_URL), ['postgres:', 'postgresql:']);
  if (eventStore === 'postgres' && databaseUrl === null) {
    throw new ConfigError('DATABASE_URL', 'is required when KAM_EVENT_STORE=postgres');
  }
  const eventStoreConnectionString = nonEmpty(env.EVENTSTORE_CONNECTION_STRING);
  if (eventStore === 'eventstoredb' && eventStoreConnectionString === null) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'is required when KAM_EVENT_STORE=eventstoredb');
  }
  return {
    dataDir,
    sqliteFile: path.join(dataDir, 'kam.db'),
    eventStore,
    databaseUrl,
    eventStoreConnectionString,
    redisUrl: parseUrl('REDIS_URL', nonEmpty(env.REDIS_URL), ['redis:', 'rediss:']),
    evaluationCron: validateCron(
      'KAM_EVALUATION_CRON',
      nonEmpty(env.KAM_EVALUATION_CRON) ?? DEFAULT_EVALUATION_CRON,
    ),
    policyFile: nonEmpty(env.KAM_POLICY_FILE),
    port: parsePort(nonEmpty(env.PORT)),
    apiKeys: parseApiKeys(nonEmpty(env.KAM_API_KEYS)),
  };
};
