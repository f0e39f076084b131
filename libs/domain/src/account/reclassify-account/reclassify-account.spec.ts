import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';

const run = { policyId: 'composite-score', policyVersion: 'sha256:1f2e', runId: 'run-1' };
const reclassify = (
  tier: string,
  score: number,
  extra: Partial<Parameters<typeof command<'ReclassifyAccount'>>[1]> = {},
) =>
  command('ReclassifyAccount', {
    tier,
    score,
    components: { sales: 90, potential: 70 },
    reasons: ['top 5%'],
    ...run,
    ...extra,
  });
const reclassified = (tier: string, previousTier: string | null, score: number) =>
  event('AccountReclassified', {
    tier,
    previousTier,
    score,
    components: { sales: 90, potential: 70 },
    reasons: ['top 5%'],
    ...run,
  });

describe('ReclassifyAccount', () => {
  it('classifies an account for the first time, with no previous tier', () => {
    accountSpec
      .given([registered()])
      .when(reclassify('strategic', 91.5))
      .then([reclassified('strategic', null, 91.5)]);
  });

  it('records the tier it replaces', () => {
    accountSpec
      .given([registered(), reclassified('growth', null, 60)])
      .when(reclassify('key', 78))
      .then([reclassified('key', 'growth', 78)]);
  });

  it('records nothing when neither tier nor score changed', () => {
    accountSpec
      .given([registered(), reclassified('key', null, 78)])
      .when(reclassify('key', 78, { runId: 'run-2' }))
      .thenNothing();
  });

  it('records a new score within the same tier', () => {
    accountSpec
      .given([registered(), reclassified('key', null, 78)])
      .when(reclassify('key', 80))
      .then([reclassified('key', 'key', 80)]);
  });

  it('needs a tier, a finite score and component, reasons, the policy and the run', () => {
    accountSpec
      .given([registered()])
      .when(
        reclassify('', Number.NaN, {
          components: { sales: Number.POSITIVE_INFINITY },
          reasons: 'because' as unknown as string[],
          policyId: '',
          policyVersion: '',
          runId: '',
        }),
      )
      .thenThrows('invalid_field', [
        { field: 'tier', rule: 'required' },
        { field: 'score', rule: 'number' },
        { field: 'components.sales', rule: 'number' },
        { field: 'reasons', rule: 'list' },
        { field: 'policyId', rule: 'required' },
        { field: 'policyVersion', rule: 'required' },
        { field: 'runId', rule: 'required' },
      ]);
  });
});
