import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runKam, tempDataDir } from '@kam/test-support';
import { reclassificationsOfRun } from './evaluation-processes.js';

type EvaluateJson = {
  runId: string;
  policyVersion: string;
  accounts: number;
  changed: number;
  unchanged: number;
  failed: number;
  seconds: number;
  byTier: Record<string, { accounts: number; changed: number; entered: number; left: number }>;
};

const sum = (json: EvaluateJson, key: 'accounts' | 'changed') =>
  Object.values(json.byTier).reduce((total, tier) => total + tier[key], 0);

describe('kam evaluate and kam policy, as a user runs them', () => {
  const dataDir = tempDataDir('kam-e2e-evaluate');
  let first: EvaluateJson;
  const kam = (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
    runKam([...args, '--data-dir', dataDir], { env, timeoutMs: 120_000 });
  const evaluate = async (args: readonly string[]): Promise<EvaluateJson> => {
    const run = await kam(['evaluate', '--json', ...args]);
    expect(run.stderr).not.toMatch(/unexpected failure/);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as EvaluateJson;
  };

  beforeAll(async () => {
    const demo = await kam([
      'demo',
      '--accounts',
      '60',
      '--years',
      '2',
      '--seed',
      '11',
      '--until',
      '2026-01-01',
      '--json',
    ]);
    expect(demo.code).toBe(0);
  }, 120_000);

  it('re-tiers the portfolio, prints the contract keys, and a second run over the same facts records nothing', async () => {
    first = await evaluate(['--as-of', '2025-11-15']);
    expect(Object.keys(first)).toEqual([
      'runId',
      'policyVersion',
      'accounts',
      'changed',
      'unchanged',
      'failed',
      'seconds',
      'byTier',
    ]);
    expect(first.accounts).toBe(60);
    expect(first.changed + first.unchanged + first.failed).toBe(60);
    expect(first.changed).toBeGreaterThan(0);
    expect(sum(first, 'accounts')).toBe(60);
    expect(sum(first, 'changed')).toBe(first.changed);
    expect(Object.keys(first.byTier)).toEqual(['strategic', 'key', 'growth', 'standard']);
    const perAccount = reclassificationsOfRun(dataDir, first.runId);
    expect([...perAccount.values()].every((n) => n === 1)).toBe(true);

    const second = await evaluate(['--as-of', '2025-11-15']);
    expect(second).toMatchObject({ accounts: 60, changed: 0, unchanged: 60, failed: 0 });
    expect(second.runId).not.toBe(first.runId);
  }, 120_000);

  it('shows each change in the account history with actor, run, policy version and reasons', async () => {
    const run = first;
    const [streamId] = [...reclassificationsOfRun(dataDir, run.runId).keys()];
    const history = await kam(['history', streamId!.replace(/^account-/, ''), '--json']);
    const items = JSON.parse(history.stdout) as {
      type: string;
      data: Record<string, unknown>;
      metadata: { actor: string };
    }[];
    const change = items.find((item) => item.type === 'AccountReclassified' && item.data.runId === run.runId);
    expect(change?.metadata.actor).toBe('evaluation');
    expect(change?.data.policyVersion).toBe(run.policyVersion);
    expect((change?.data.reasons as string[]).length).toBeGreaterThan(0);
  }, 60_000);

  it('--dry-run reports the changes and records none of them', async () => {
    const dry = await evaluate(['--as-of', '2025-06-10', '--dry-run']);
    expect(reclassificationsOfRun(dataDir, dry.runId).size).toBe(0);
    const real = await evaluate(['--as-of', '2025-06-10']);
    expect(dry.changed).toBeGreaterThan(0);
    expect(real.changed).toBe(dry.changed);
    expect(real.byTier).toEqual(dry.byTier);
  }, 60_000);

  it('refuses an as-of date in the future as a usage error naming the flag', async () => {
    const run = await kam(['evaluate', '--as-of', '2999-01-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--as-of: .*future/);
  }, 60_000);

  it('prints the active policy so that it loads again, and validates it with its version', async () => {
    const shown = await kam(['policy', 'show']);
    expect(shown.code).toBe(0);
    const file = path.join(dataDir, 'policy.yaml');
    writeFileSync(file, shown.stdout);
    const validated = await kam(['policy', 'validate', file, '--json']);
    expect(validated.code).toBe(0);
    const version = (JSON.parse(validated.stdout) as { version: string }).version;
    const json = await kam(['policy', 'show', '--json']);
    expect((JSON.parse(json.stdout) as { id: string }).id).toBe('default');
    const run = await evaluate(['--policy', file, '--dry-run']);
    expect(run.policyVersion).toBe(version);
    const fromEnv = await runKam(['evaluate', '--dry-run', '--json', '--data-dir', dataDir], {
      env: { KAM_POLICY_FILE: file },
    });
    expect((JSON.parse(fromEnv.stdout) as EvaluateJson).policyVersion).toBe(version);
  }, 60_000);

  it('refuses a policy with a negative weight and a cut-off over 100%, naming each path and rule', async () => {
    const file = path.join(dataDir, 'bad-policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'bad',
        name: 'bad',
        primaryMethod: 'composite',
        methods: ['composite'],
        composite: {
          weights: { sales: -10, potential: 40, demonstration: 40, winnability: 30 },
          missingAssessmentScore: 0,
          tiers: [{ name: 'strategic', topPercent: 120 }],
          restTier: 'standard',
        },
      }),
    );
    const run = await kam(['policy', 'validate', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/composite/weights/sales');
    expect(run.stderr).toContain('/composite/tiers/0/topPercent');
    const evaluation = await kam(['evaluate', '--policy', file]);
    expect(evaluation.code).toBe(1);
    expect(evaluation.stderr).toContain('/composite/weights/sales');
  }, 60_000);

  it('refuses --queue without Redis, and a worker with an invalid cron, naming what to fix', async () => {
    const queued = await kam(['evaluate', '--queue']);
    expect(queued.code).toBe(2);
    expect(queued.stderr).toContain('REDIS_URL');
    const worker = await kam(['worker'], {
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAM_EVALUATION_CRON: 'every night',
    });
    expect(worker.code).toBe(1);
    expect(worker.stderr).toContain('KAM_EVALUATION_CRON');
  }, 60_000);
});
