import type { AccountEvent } from './account.events.js';
import type { DomainError } from './domain-error.js';

/** What deciding a command yields: the events to append (none for a no-op), or the broken rule. */
export type Decision<E extends AccountEvent = AccountEvent> = readonly E[] | DomainError;
