import { decide } from '../account/account.decide.js';
import type { AccountCommand, AccountCommandType } from '../account/account.commands.js';
import type { AccountEvent, AccountEventType, AccountRegistered } from '../account/account.events.js';
import { evolve } from '../account/account.evolve.js';
import { initialState } from '../account/account.state.js';
import { DeciderSpecification } from './decider-specification.js';

/** Fixed times and ids: specs never read the clock either. */
export const NOW = '2026-03-01T12:00:00Z';
export const ACCOUNT_ID = 'acc-fixture-1';
export const OCCURRED_AT = '2026-02-27T09:00:00Z';

type On = 'accountId' | 'occurredAt';
type CommandOf<T extends AccountCommandType> = Extract<AccountCommand, { type: T }>;
type EventOf<T extends AccountEventType> = Extract<AccountEvent, { type: T }>;
type WithDefaults<Data> = Omit<Data, On> & Partial<Pick<Data, Extract<On, keyof Data>>>;

/** A command to the fixture account, happening at OCCURRED_AT and sent at NOW unless told otherwise. */
export const command = <T extends AccountCommandType>(
  type: T,
  data: WithDefaults<CommandOf<T>['data']>,
  now: string = NOW,
): CommandOf<T> =>
  ({
    type,
    data: { accountId: ACCOUNT_ID, occurredAt: OCCURRED_AT, ...data },
    metadata: { now },
  }) as unknown as CommandOf<T>;

/** An event of the fixture account, at OCCURRED_AT unless told otherwise. */
export const event = <T extends AccountEventType>(
  type: T,
  data: WithDefaults<EventOf<T>['data']>,
): EventOf<T> =>
  ({ type, data: { accountId: ACCOUNT_ID, occurredAt: OCCURRED_AT, ...data } }) as unknown as EventOf<T>;

export const registered = (): AccountRegistered =>
  event('AccountRegistered', {
    name: 'Acme Tooling',
    industry: 'manufacturing',
    region: 'east',
    source: null,
  });

/** The account decider under given/when/then. */
export const accountSpec = DeciderSpecification.for<
  AccountCommand,
  AccountEvent,
  ReturnType<typeof initialState>
>({
  decide,
  evolve,
  initialState,
});
