import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runKam, tempDataDir } from '@kam/test-support';

/** Each test starts `kam` a few times; each start boots the engine. */
const SLOW = 90_000;
const QUARTER_CLOSES = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31'].map(
  (d) => `${d}T23:59:59.999Z`,
);

type AccountJson = {
  accountId: string;
  revision: number;
  revenue12m: number;
  tier: string | null;
  asOf: string;
  knownAt: string | null;
};
type ReplayJson = {
  dates: string[];
  differences: number;
  perDate: {
    date: string;
    accounts: number;
    differences: number;
    recordedRun: { runId: string } | null;
    matrix: Record<string, Record<string, number>>;
  }[];
  aftermath: { topTiers: string[] };
};

describe('kam show --as-of, kam explain and kam replay over a demo portfolio', () => {
  const dataDir = tempDataDir('kam-e2e-replay');
  let accountId: string;
  const kam = (...args: string[]) => runKam([...args, '--data-dir', dataDir], { timeoutMs: 120_000 });

  beforeAll(async () => {
    const demo = await kam(
      'demo',
      '--accounts',
      '40',
      '--years',
      '2',
      '--seed',
      '11',
      '--until',
      '2026-01-01',
      '--json',
    );
    expect(demo.code).toBe(0);
    accountId = (JSON.parse(demo.stdout) as { sampleAccountIds: string[] }).sampleAccountIds[0]!;
    // The quarter-end evaluations, as `kam evaluate` records them (after any the demo recorded itself).
    for (const asOf of QUARTER_CLOSES)
      expect((await kam('evaluate', '--as-of', asOf, '--json')).code).toBe(0);
  }, 300_000);

  it(
    'shows an account as it stood on a date, and as the engine knew it then',
    async () => {
      const asOf = JSON.parse(
        (await kam('show', accountId, '--as-of', '2025-06-30', '--json')).stdout,
      ) as AccountJson;
      const now = JSON.parse(
        (await kam('show', accountId, '--as-of', '2025-12-31', '--json')).stdout,
      ) as AccountJson;
      expect(asOf).toMatchObject({ accountId, asOf: '2025-06-30T23:59:59.999Z', knownAt: null });
      expect(asOf.revision).toBeLessThan(now.revision);
      // Everything the demo recorded for June was recorded at June's close; the tier of 2025-06-30 was recorded later.
      const known = JSON.parse(
        (await kam('show', accountId, '--as-of', '2025-06-30', '--known-at', '2025-06-30', '--json')).stdout,
      ) as AccountJson;
      expect(known.revenue12m).toBe(asOf.revenue12m);
      expect(asOf.tier).not.toBeNull();
      expect(known.revision).toBeLessThan(asOf.revision);
    },
    SLOW,
  );

  it(
    'refuses a date before the account existed, with the reason, exit code 1',
    async () => {
      const run = await kam('show', accountId, '--as-of', '2020-01-01');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/did not exist on 2020-01-01.*registered on/);
    },
    SLOW,
  );

  it(
    'explains the tier and reproduces it from the recorded policy and log',
    async () => {
      const run = await kam('explain', accountId, '--json');
      expect(run.code).toBe(0);
      const explanation = JSON.parse(run.stdout) as {
        asOf: string;
        reproduced: { matches: boolean };
        standing: string[];
        inputs: Record<string, unknown>;
      };
      expect(explanation.asOf).toBe(QUARTER_CLOSES.at(-1));
      expect(explanation.reproduced.matches).toBe(true);
      expect(explanation.standing.length).toBeGreaterThan(0);
      expect(explanation.inputs).toHaveProperty('revenue12m');
      const human = await kam('explain', accountId, '--at', '2025-07-15');
      expect(human.stdout).toMatch(/as of 2025-06-30T23:59:59.999Z/);
      expect(human.stdout).toMatch(/reproduced/);
    },
    SLOW,
  );

  it(
    'replays the policy that was active and finds exactly what was recorded',
    async () => {
      const run = await kam(
        'replay',
        '--policy',
        'policies/default.yaml',
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--every',
        'quarter',
        '--json',
      );
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ReplayJson;
      expect(report.dates).toEqual(QUARTER_CLOSES);
      expect(report.perDate.every((date) => date.recordedRun !== null && date.accounts > 0)).toBe(true);
      expect(report.differences).toBe(0);
    },
    SLOW,
  );

  it(
    'replays another policy: differences as a table, JSON and CSV, nothing written',
    async () => {
      const policy = path.join(dataDir, 'sales-only.yaml');
      writeFileSync(
        policy,
        'id: sales-only\nname: Sales only\ncomposite:\n  weights: { sales: 100, potential: 0, demonstration: 0, winnability: 0 }\n',
      );
      const before = (await kam('export')).stdout;
      const args = [
        'replay',
        '--policy',
        policy,
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--every',
        'month',
      ];
      const json = JSON.parse((await kam(...args, '--json')).stdout) as ReplayJson;
      expect(json.dates).toHaveLength(12);
      expect(json.differences).toBeGreaterThan(0);
      const csv = (await kam(...args, '--csv')).stdout.trim().split('\n');
      expect(csv[0]).toBe('date,accountId,name,recordedTier,replayedTier,recordedScore,replayedScore');
      expect(csv).toHaveLength(json.differences + 1);
      const table = await kam(...args);
      expect(table.stdout).toMatch(/tier migrations/);
      expect(table.stdout).toMatch(/nothing was written/);
      expect((await kam('export')).stdout).toBe(before);
    },
    SLOW,
  );

  const span = (from = '2025-01-01', to = '2025-12-31') => ['--from', from, '--to', to, '--every', 'quarter'];

  it.each([
    [span('2025-12-31', '2025-01-01'), 2, /after --to/],
    [[...span(), '--account', 'nobody'], 1, /no account with id nobody/],
    [[...span(), '--exclude-event', 'x'], 2, /need --account/],
  ])(
    'refuses %j with a clear error and runs nothing',
    async (flags, code, message) => {
      const run = await kam('replay', '--policy', 'policies/default.yaml', ...flags);
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    },
    SLOW,
  );

  it(
    'refuses a policy file that fails validation, naming the problem',
    async () => {
      const bad = path.join(dataDir, 'bad.yaml');
      writeFileSync(bad, 'id: bad\ncomposite:\n  weights: { sales: -5 }\n');
      const run = await kam(
        'replay',
        '--policy',
        bad,
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--every',
        'quarter',
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/policy .*bad\.yaml is invalid/);
      expect(run.stdout).toBe('');
    },
    SLOW,
  );
});
