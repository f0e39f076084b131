import { Redis } from 'ioredis';
import { isConnectionError } from './connection-errors.js';
import { redisOptions, type QueueConnection } from './evaluation-queue.js';

export { isConnectionError };

/** Whether this process can reach Redis, and since when it cannot. */
export type RedisLinkState = Readonly<{ up: true }> | Readonly<{ up: false; since: number; reason: string }>;

export type RedisLinkEvent =
  Readonly<{ kind: 'lost'; at: number; reason: string }> | Readonly<{ kind: 'back'; at: number }>;

export type RedisLinkStep = Readonly<{ state: RedisLinkState; line: string | null; cameBack: boolean }>;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * One line per change of state, none while it lasts: an outage is reported once when it starts and
 * once when it ends, not once per reconnection attempt.
 */
export const nextRedisLink = (state: RedisLinkState, event: RedisLinkEvent, where: string): RedisLinkStep => {
  if (event.kind === 'lost') {
    if (!state.up) return { state, line: null, cameBack: false };
    return {
      state: { up: false, since: event.at, reason: event.reason },
      line: `Redis unreachable at ${where} (${event.reason}), retrying; a job in hand carries on, its outcome is kept in SQLite`,
      cameBack: false,
    };
  }
  if (state.up) return { state, line: null, cameBack: false };
  return {
    state: { up: true },
    line: `Redis back at ${where} after ${seconds(event.at - state.since)}; putting back the jobs of unfinished runs it lost`,
    cameBack: true,
  };
};

/**
 * BullMQ's words for a job whose result Redis could not take, said for an operator: after an
 * outage (Redis restarted empty) or a lapsed lock, the outcome is in SQLite either way.
 */
export const explainWorkerError = (text: string): string => {
  const lost = /^Missing key for job (\S+)\. (\w+)/.exec(text);
  if (lost !== null) {
    return `job ${lost[1]}: Redis no longer holds it (lost in an outage?) so ${lost[2]} did not happen; its outcome is in SQLite, and the recovery pass queues it again if anything is left`;
  }
  const taken = /^(?:Missing lock|Lock mismatch) for job (\S+)\. (?:Cmd )?(\w+)/.exec(text);
  if (taken !== null) {
    return `job ${taken[1]}: its lock lapsed and it was handed on, so ${taken[2]} did not happen here; its outcome is in SQLite, and a retry finds nothing left to do`;
  }
  return `worker: ${text}`;
};

export const redactUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

export type RedisLink = Readonly<{
  isUp: () => boolean;
  close: () => void;
}>;

/**
 * Watches Redis on a connection of its own that never queues commands, so its state is the
 * server's, not that of whatever the queue's connections are waiting on. `onBack` runs when an
 * outage ends (Redis may have come back empty).
 */
export const watchRedisLink = (
  connection: QueueConnection,
  log: (line: string) => void,
  onBack: () => void,
  clock: () => number = Date.now,
): RedisLink => {
  const where = redactUrl(connection.redisUrl);
  const client = new Redis(connection.redisUrl, {
    ...redisOptions(connection),
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectionName: 'kam-worker-link',
  });
  let state: RedisLinkState = { up: true };
  const apply = (event: RedisLinkEvent): void => {
    const step = nextRedisLink(state, event, where);
    state = step.state;
    if (step.line !== null) log(step.line);
    if (step.cameBack) onBack();
  };
  let lastReason = 'connection closed';
  let closing = false;
  client.on('error', (error: Error) => {
    lastReason = error.message;
  });
  client.on('close', () => {
    if (!closing) apply({ kind: 'lost', at: clock(), reason: lastReason });
  });
  client.on('ready', () => {
    lastReason = 'connection closed';
    apply({ kind: 'back', at: clock() });
  });
  return {
    isUp: () => state.up,
    close: () => {
      closing = true;
      client.disconnect();
    },
  };
};
