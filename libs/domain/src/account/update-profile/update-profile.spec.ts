import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { AccountProfile } from '../account.events.js';

const update = (profile: AccountProfile) => command('UpdateProfile', { profile });
const fit = { rAndD: 80, quality: 90, price: 40, fastDelivery: 70, afterSales: 60, policiesMatch: true };

describe('UpdateProfile', () => {
  it('records only the profile fields it changes', () => {
    const profile = { financialStatus: 'sound', employees: 1200, productFit: fit } as const;
    accountSpec
      .given([registered()])
      .when(update(profile))
      .then([event('AccountProfileUpdated', { profile })]);
  });

  it('drops fields left undefined, so the event reads back the same from JSON', () => {
    accountSpec
      .given([registered()])
      .when(update({ industryReputation: 'leader', strategicDirection: undefined }))
      .then([event('AccountProfileUpdated', { profile: { industryReputation: 'leader' } })]);
  });

  it('refuses an update that changes nothing', () => {
    accountSpec
      .given([registered()])
      .when(update({}))
      .thenThrows('invalid_field', [{ field: 'profile', rule: 'required' }]);
  });

  it('checks every field it is given and names unknown ones', () => {
    const profile = {
      employees: -3,
      financialStatus: 'bankrupt',
      productFit: { ...fit, quality: 101, policiesMatch: 'yes' },
      channelCapability: { regionalWarehouses: 1.5, channelWidening: true, channelInvestment: '' },
      favouriteColour: 'blue',
    } as unknown as AccountProfile;
    accountSpec
      .given([registered()])
      .when(update(profile))
      .thenThrows('invalid_field', [
        { field: 'profile.employees', rule: 'non_negative_integer' },
        { field: 'profile.financialStatus', rule: 'one_of' },
        { field: 'profile.productFit.quality', rule: 'range_0_100' },
        { field: 'profile.productFit.policiesMatch', rule: 'boolean' },
        { field: 'profile.channelCapability.regionalWarehouses', rule: 'non_negative_integer' },
        { field: 'profile.channelCapability.channelInvestment', rule: 'required' },
        { field: 'profile.favouriteColour', rule: 'one_of' },
      ]);
  });
});
