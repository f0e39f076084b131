import { parseIsoInstant } from '../../shared/iso-date.js';
import type { RegisteredAccount } from '../account.state.js';
import { requiredText, violation, type Violations } from './field-checks.js';

/**
 * How far past the command's `now` an `occurredAt` may be. Clocks of callers drift a little; a fact
 * further in the future than this has not happened yet.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

type CommandLike = Readonly<{
  data: Readonly<{ accountId: unknown; occurredAt: unknown }>;
  metadata: Readonly<{ now: unknown }>;
}>;

const occurredAtChecks = (occurredAt: unknown, now: unknown): Violations => {
  const at = typeof occurredAt === 'string' ? parseIsoInstant(occurredAt) : null;
  const nowAt = typeof now === 'string' ? parseIsoInstant(now) : null;
  if (at === null)
    return violation('occurredAt', 'iso8601', 'must be an ISO-8601 date or a date-time with an offset');
  if (nowAt === null)
    return violation('metadata.now', 'iso8601', 'must be the ISO-8601 time the command was sent');
  return at > nowAt + FUTURE_TOLERANCE_MS
    ? violation('occurredAt', 'not_in_future', 'must not be later than now (5 minutes tolerance)')
    : [];
};

const accountIdChecks = (accountId: unknown, state: RegisteredAccount | null): Violations => {
  const missing = requiredText('accountId', accountId);
  if (missing.length > 0 || state === null || accountId === state.accountId) return missing;
  return violation(
    'accountId',
    'matches_account',
    `must be the account the command is sent to (${state.accountId})`,
  );
};

/** The checks every command shares: which account, and when it happened. */
export const commandChecks = (command: CommandLike, state: RegisteredAccount | null): Violations => [
  ...accountIdChecks(command.data.accountId, state),
  ...occurredAtChecks(command.data.occurredAt, command.metadata.now),
];

/** The two fields every event carries, taken from the command. */
export const factOf = (command: Readonly<{ data: Readonly<{ accountId: string; occurredAt: string }> }>) => ({
  accountId: command.data.accountId,
  occurredAt: command.data.occurredAt,
});
