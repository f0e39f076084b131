import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { AssessmentScores } from '../vocabulary.js';

const scores: AssessmentScores = {
  potential: 80,
  demonstration: 0,
  winnability: 100,
  strength: 55,
  capability: 60,
  acumen: 70,
};
const assess = (given: AssessmentScores, note?: string) =>
  command('RecordAssessment', { scores: given, assessor: 'li.wei', note });

describe('RecordAssessment', () => {
  it('records all six dimensions, 0 and 100 included', () => {
    accountSpec
      .given([registered()])
      .when(assess(scores, 'after the site visit'))
      .then([event('AssessmentRecorded', { scores, assessor: 'li.wei', note: 'after the site visit' })]);
  });

  it('refuses scores outside 0-100, fractions, missing and unknown dimensions', () => {
    const bad = { ...scores, potential: 101, strength: -1, capability: 50.5, acumen: undefined, charm: 9 };
    accountSpec
      .given([registered()])
      .when(assess(bad as unknown as AssessmentScores))
      .thenThrows('invalid_field', [
        { field: 'scores.potential', rule: 'range_0_100' },
        { field: 'scores.strength', rule: 'range_0_100' },
        { field: 'scores.capability', rule: 'range_0_100' },
        { field: 'scores.acumen', rule: 'range_0_100' },
        { field: 'scores.charm', rule: 'one_of' },
      ]);
  });

  it('needs an assessor', () => {
    accountSpec
      .given([registered()])
      .when(command('RecordAssessment', { scores, assessor: '' }))
      .thenThrows('invalid_field', [{ field: 'assessor', rule: 'required' }]);
  });
});
