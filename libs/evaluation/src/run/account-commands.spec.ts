import { evolve, initialState, type AccountEvent, type RegisteredAccount } from '@kam/domain';
import { movesStage, stageCommand } from './account-commands.js';
import type { PlannedChange } from './evaluation-run.types.js';

const run = {
  runId: 'run-1',
  policyId: 'default',
  policyVersion: 'sha256:abc',
  asOf: '2026-03-31T00:00:00Z',
};
const NOW = '2026-04-01T00:00:00Z';

const stateIn = (stage: RegisteredAccount['stage']): RegisteredAccount => {
  const events: AccountEvent[] = [
    {
      type: 'AccountRegistered',
      data: {
        accountId: 'a',
        occurredAt: '2025-01-01T00:00:00Z',
        name: 'A',
        industry: 'x',
        region: 'y',
        source: null,
      },
    },
  ];
  if (stage !== 'acquisition') {
    events.push({
      type: 'LifecycleStageChanged',
      data: {
        accountId: 'a',
        occurredAt: '2025-02-01T00:00:00Z',
        from: 'acquisition',
        to: stage,
        override: true,
        reason: 'set',
      },
    } as AccountEvent);
  }
  return events.reduce(evolve, initialState()) as RegisteredAccount;
};

const change = (over: Partial<PlannedChange>): PlannedChange => ({
  accountId: 'a',
  tier: 'key',
  previousTier: null,
  score: 60,
  stage: 'growth',
  previousStage: 'acquisition',
  winBack: false,
  components: {},
  reasons: ['r'],
  stageReasons: ['revenue rose'],
  ...over,
});

describe('stageCommand', () => {
  it('infers the stage when the account is still where the run read it', () => {
    const command = stageCommand(change({}), stateIn('acquisition'), run, NOW);
    expect(command).toMatchObject({ type: 'InferLifecycleStage', data: { to: 'growth', runId: 'run-1' } });
  });

  it('records nothing when a person moved the stage since the run read it: manual changes win', () => {
    expect(stageCommand(change({}), stateIn('decline'), run, NOW)).toBeNull();
  });

  it('wins back a churned account, and only a churned one', () => {
    const wonBack = change({ winBack: true, stage: 'acquisition', previousStage: 'churn' });
    expect(stageCommand(wonBack, stateIn('churn'), run, NOW)).toMatchObject({ type: 'WinBackAccount' });
    expect(stageCommand(wonBack, stateIn('growth'), run, NOW)).toBeNull();
  });

  it('says whether the evaluation wants the stage moved at all', () => {
    expect(movesStage(change({}))).toBe(true);
    expect(movesStage(change({ stage: 'acquisition' }))).toBe(false);
  });
});
