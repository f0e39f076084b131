import { accountStreamId } from '@kam/domain';
import type { EventStore, RecordedEvent } from '@kam/event-store';
import type { EventEdit } from './log-walk.js';
import { ReplayRequestError } from './replay.errors.js';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** "What if": events of one account left out, or with some of their data changed. */
export type Counterfactual = Readonly<{
  accountId: string;
  exclude: readonly string[];
  /** Event id -> a JSON merge patch (RFC 7396) of its data: `{"daysLate":0}`; null removes a key. */
  alter: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
};

/** `<eventId>:<json>` as given on the command line. */
export const parseAlteration = (text: string): [string, Record<string, unknown>] => {
  const colon = text.indexOf(':');
  const fail = (why: string) => new ReplayRequestError('alter', 'event_patch', `--alter ${text}: ${why}`);
  if (colon <= 0 || !/^[\w.-]+$/.test(text.slice(0, colon)))
    throw fail('expected <eventId>:<json merge patch>, e.g. 1f3e...:{"daysLate":0}');
  let patch: Json;
  try {
    patch = JSON.parse(text.slice(colon + 1)) as Json;
  } catch {
    throw fail('the patch is not valid JSON');
  }
  if (!isObject(patch)) throw fail('the patch must be a JSON object of data fields');
  if ('accountId' in patch) throw fail('a counterfactual cannot move an event to another account');
  return [text.slice(0, colon), patch];
};

/**
 * Checks, before anything runs, that every event named belongs to the account's stream, and gives
 * the edit the replay applies to the log as it streams past.
 */
export const prepareCounterfactual = async (
  store: EventStore,
  counterfactual: Counterfactual,
): Promise<EventEdit> => {
  const named = new Set([...counterfactual.exclude, ...Object.keys(counterfactual.alter)]);
  const streamId = accountStreamId(counterfactual.accountId);
  for await (const event of store.readStream(streamId)) named.delete(event.id);
  if (named.size > 0) {
    throw new ReplayRequestError(
      'event',
      'in_account',
      `no event ${[...named].join(', ')} in account ${counterfactual.accountId}: see its ids with kam export --stream ${streamId}`,
    );
  }
  const excluded = new Set(counterfactual.exclude);
  return (event: RecordedEvent) => {
    if (event.streamId !== streamId) return event;
    if (excluded.has(event.id)) return null;
    const patch = counterfactual.alter[event.id];
    return patch === undefined
      ? event
      : { ...event, data: mergePatch(event.data, patch) as RecordedEvent['data'] };
  };
};
