import { openQuarterEndEvaluator } from '@kam/evaluation';
import { cny, type TestLedger } from './test-ledger.js';

/** A small deterministic random source, so every run of a test records the same history. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const monthClose = (year: number, month: number): Date => new Date(Date.UTC(year, month + 1, 1) - 1);
const day = (year: number, month: number, d: number): string =>
  new Date(Date.UTC(year, month, d, 10)).toISOString();

type Profile = Readonly<{
  id: string;
  startMonth: number;
  base: number;
  trend: number;
  stopsAt: number | null;
}>;

const profiles = (accounts: number, next: () => number): Profile[] =>
  Array.from({ length: accounts }, (_, i) => ({
    id: `sim-${String(i).padStart(3, '0')}`,
    startMonth: i % 5 === 0 ? Math.floor(next() * 6) : 0,
    base: 2_000 + Math.floor(next() * 40_000),
    trend: 0.9 + next() * 0.25,
    stopsAt: i % 7 === 3 ? 9 + Math.floor(next() * 6) : null,
  }));

const recordMonth = async (
  ledger: TestLedger,
  p: Profile,
  m: number,
  year: number,
  month: number,
  next: () => number,
) => {
  const accountId = p.id;
  if (m === p.startMonth) {
    const where = { industry: ['manufacturing', 'retail', 'energy'][m % 3] ?? 'retail', region: 'east' };
    await ledger.send('RegisterAccount', {
      accountId,
      occurredAt: day(year, month, 2),
      name: `Sim ${p.id}`,
      ...where,
    });
    await ledger.send('AgreePaymentTerms', {
      accountId,
      occurredAt: day(year, month, 3),
      mode: 'open_credit',
      creditDays: 30,
    });
  }
  if (m % 6 === p.startMonth % 6) {
    const score = () => 20 + Math.floor(next() * 80);
    const scores = {
      potential: score(),
      demonstration: score(),
      winnability: score(),
      strength: score(),
      capability: score(),
      acumen: score(),
    };
    await ledger.send('RecordAssessment', {
      accountId,
      occurredAt: day(year, month, 5),
      scores,
      assessor: 'team',
    });
  }
  if (p.stopsAt !== null && m >= p.stopsAt) return;
  const amount = (p.base * p.trend ** (m - p.startMonth) * (0.7 + next() * 0.6)).toFixed(2);
  const orderId = `${accountId}-o-${m}`;
  const channel = next() < 0.15 ? 'sub_distribution' : 'direct';
  await ledger.send('RecordOrder', {
    accountId,
    occurredAt: day(year, month, 8),
    orderId,
    amount: cny(amount),
    grossProfit: cny((Number(amount) * 0.2).toFixed(2)),
    channel,
  });
  await ledger.send('IssueInvoice', {
    accountId,
    occurredAt: day(year, month, 9),
    invoiceId: `${orderId}-i`,
    amount: cny(amount),
    dueAt: day(year, month, 19),
  });
  const late = next() < 0.3 ? 6 : 0;
  await ledger.send('ReceivePayment', {
    accountId,
    occurredAt: day(year, month, 18 + late),
    invoiceId: `${orderId}-i`,
    amount: cny(amount),
  });
};

/**
 * A portfolio recorded like the demo records one: each month's facts at that month's close, and at
 * every quarter's close the default policy evaluated in process, as the demo's evaluator does.
 * Returns the quarter closes evaluated.
 */
export const recordSimulatedPortfolio = async (
  ledger: TestLedger,
  options: Readonly<{ accounts: number; months: number; startYear: number; seed?: number }>,
): Promise<string[]> => {
  const next = random(options.seed ?? 7);
  const accounts = profiles(options.accounts, next);
  const evaluator = await openQuarterEndEvaluator({
    sqliteFile: ledger.file,
    store: ledger.store,
    repository: ledger.repository,
    clock: ledger.clock,
  });
  const closes: string[] = [];
  try {
    for (let m = 0; m < options.months; m += 1) {
      const year = options.startYear + Math.floor(m / 12);
      const month = m % 12;
      const close = monthClose(year, month);
      ledger.at(close.toISOString());
      for (const p of accounts) if (m >= p.startMonth) await recordMonth(ledger, p, m, year, month, next);
      if (month % 3 !== 2) continue;
      await evaluator.afterQuarterEnd(close);
      closes.push(close.toISOString());
    }
  } finally {
    await evaluator.close();
  }
  return closes;
};
