import { openEvaluationStore, type EvaluationDatabase } from '@kam/evaluation';
import { DEFAULT_POLICY, policyVersion, type PolicyDocument } from '@kam/policies';
import type { Kysely } from 'kysely';
import { AccountNotFoundError } from '../as-of/as-of.errors.js';
import { recordSimulatedPortfolio } from '../testing/simulated-portfolio.js';
import { openTestLedger, type TestLedger } from '../testing/test-ledger.js';
import { explainClassification } from './explain-classification.js';
import { ClassificationNotFoundError, readAccountRecord } from './recorded-classifications.js';
import { evaluationRunCatalogue, logOnlyRunCatalogue, type RunCatalogue } from './run-catalogue.js';

describe('explainClassification over a portfolio evaluated at every quarter close', () => {
  let ledger: TestLedger;
  let db: Kysely<EvaluationDatabase>;
  let catalogue: RunCatalogue;
  const accounts = ['sim-000', 'sim-003', 'sim-011', 'sim-024'];

  beforeAll(async () => {
    ledger = await openTestLedger('kam-explain');
    await recordSimulatedPortfolio(ledger, { accounts: 30, months: 18, startYear: 2023 });
    db = await openEvaluationStore(ledger.file);
    catalogue = evaluationRunCatalogue(db);
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
    await ledger.close();
  });

  it('reproduces every recorded classification by running its policy again on what the run read', async () => {
    for (const accountId of accounts) {
      const { classifications } = await readAccountRecord(ledger.store, accountId);
      expect(classifications.length).toBeGreaterThan(0);
      for (const { n, data } of classifications) {
        const explanation = await explainClassification(ledger.store, catalogue, accountId, { n });
        expect(explanation.reproduced).toMatchObject({ matches: true, mismatches: [], tier: data.tier });
        expect(explanation.policy).toEqual({
          id: 'default',
          version: policyVersion(DEFAULT_POLICY),
          name: DEFAULT_POLICY.name,
        });
        expect(Object.keys(explanation.inputs)).toEqual(
          expect.arrayContaining(['revenue12m', 'sales', 'potential']),
        );
        expect(explanation.standing.join('\n')).toMatch(
          /began at score [\d.]+ \(12-month revenue [\d.]+\); it was [\d.]+/,
        );
      }
    }
  });

  it('says what changed since the evaluation before, and which side moved the tier', async () => {
    const { classifications } = await readAccountRecord(ledger.store, 'sim-003');
    const last = classifications.at(-1)!;
    const explanation = await explainClassification(ledger.store, catalogue, 'sim-003', { n: last.n });
    expect(explanation.sincePrevious).not.toBeNull();
    expect(explanation.sincePrevious!.asOf < explanation.asOf).toBe(true);
    expect(['own facts', 'rest of the portfolio', 'both', 'neither']).toContain(
      explanation.sincePrevious!.cause,
    );
    expect(explanation.sincePrevious!.summary).toMatch(/score [\d.]+ -> [\d.]+/);
  });

  it('picks the classification in force at a date', async () => {
    const { classifications } = await readAccountRecord(ledger.store, 'sim-000');
    const first = classifications[0]!;
    const explanation = await explainClassification(ledger.store, catalogue, 'sim-000', {
      at: first.asOf.slice(0, 10),
    });
    expect(explanation.n).toBe(first.n);
    await expect(
      explainClassification(ledger.store, catalogue, 'sim-000', { at: '2020-01-01' }),
    ).rejects.toThrow(/had no tier on 2020-01-01/);
  });

  it('reproduces from the log alone when the policy document is known by its version', async () => {
    const explanation = await explainClassification(
      ledger.store,
      logOnlyRunCatalogue([DEFAULT_POLICY]),
      'sim-011',
      { latest: true },
    );
    expect(explanation.reproduced?.matches).toBe(true);
  });

  it('shows the mismatch when the document given for the version is not what ran', async () => {
    const altered: PolicyDocument = {
      ...DEFAULT_POLICY,
      composite: {
        ...DEFAULT_POLICY.composite,
        weights: { sales: 10, potential: 30, demonstration: 30, winnability: 30 },
      },
    };
    const wrong: RunCatalogue = { ...logOnlyRunCatalogue(), policyByVersion: () => altered };
    const explanations = await Promise.all(
      accounts.map((id) => explainClassification(ledger.store, wrong, id, { n: 1 })),
    );
    expect(explanations.some((e) => e.reproduced?.matches === false)).toBe(true);
  });

  it('refuses a classification number out of range and an unknown account', async () => {
    await expect(explainClassification(ledger.store, catalogue, 'sim-000', { n: 99 })).rejects.toBeInstanceOf(
      ClassificationNotFoundError,
    );
    await expect(
      explainClassification(ledger.store, catalogue, 'nobody', { latest: true }),
    ).rejects.toBeInstanceOf(AccountNotFoundError);
  });
});
