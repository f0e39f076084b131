import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { InteractionKind, Scenario } from '../vocabulary.js';

const log = (extra: Partial<Parameters<typeof command<'LogInteraction'>>[1]> = {}) =>
  command('LogInteraction', {
    interactionId: 'i-1',
    kind: 'visit',
    summary: 'plant tour with the buyer',
    ...extra,
  });
const logged = (extra: Partial<Parameters<typeof event<'InteractionLogged'>>[1]> = {}) =>
  event('InteractionLogged', {
    interactionId: 'i-1',
    kind: 'visit',
    scenario: null,
    summary: 'plant tour with the buyer',
    participants: [],
    ...extra,
  });

describe('LogInteraction', () => {
  it('logs an interaction, with no scenario or participants unless given', () => {
    accountSpec.given([registered()]).when(log()).then([logged()]);
    accountSpec
      .given([registered()])
      .when(log({ kind: 'onsite_guidance', scenario: 'delivery', participants: ['li.wei', 'buyer'] }))
      .then([logged({ kind: 'onsite_guidance', scenario: 'delivery', participants: ['li.wei', 'buyer'] })]);
  });

  it('records nothing for an interaction id it already has', () => {
    accountSpec
      .given([registered(), logged()])
      .when(log({ summary: 'same visit, sent again' }))
      .thenNothing();
  });

  it('needs an id, a known kind and scenario, a summary and named participants', () => {
    accountSpec
      .given([registered()])
      .when(
        log({
          interactionId: '',
          kind: 'dinner' as InteractionKind,
          scenario: 'golf' as Scenario,
          summary: '',
          participants: ['li.wei', ''],
        }),
      )
      .thenThrows('invalid_field', [
        { field: 'interactionId', rule: 'required' },
        { field: 'kind', rule: 'one_of' },
        { field: 'scenario', rule: 'one_of' },
        { field: 'summary', rule: 'required' },
        { field: 'participants[1]', rule: 'required' },
      ]);
  });
});
