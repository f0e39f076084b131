import {
  ACCOUNT_EVENT_SCHEMA_VERSIONS,
  type AccountEvent,
  type AccountEventType,
} from '../account/account.events.js';
import { orderRecordedV0ToV1 } from './order-recorded.upcasters.js';
import { createUpcaster, type UpcasterRegistry } from './upcaster.js';

/** Every step that reads an older account event into its current version. */
export const ACCOUNT_UPCASTERS: UpcasterRegistry<AccountEventType> = {
  currentVersions: ACCOUNT_EVENT_SCHEMA_VERSIONS,
  steps: {
    OrderRecorded: { 0: orderRecordedV0ToV1 },
  },
};

/** Reads a stored account event of any known version into the current shape. */
export const upcast = createUpcaster<AccountEvent>(ACCOUNT_UPCASTERS);
