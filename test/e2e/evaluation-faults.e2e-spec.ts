import { randomUUID } from 'node:crypto';
import { runKam, tempDataDir } from '@kam/test-support';
import {
  freePort,
  reclassificationsOfRun,
  runCount,
  startKam,
  startPrivateRedis,
  stopKam,
  stopPrivateRedis,
  type KamProcess,
} from './evaluation-processes.js';

type EvaluateJson = { runId: string; accounts: number; changed: number; unchanged: number; failed: number };

const WORKER_FLAGS = ['--verbose', '--lock-ms', '3000', '--recover-ms', '1000'];
const BATCH = /job (run-[0-9a-f-]+-batch-\d+) started/;

/** Every account the run changed holds exactly one reclassification of that run. */
const expectEachChangeOnce = (dataDir: string, result: EvaluateJson): void => {
  const perAccount = reclassificationsOfRun(dataDir, result.runId);
  expect([...perAccount.values()].filter((n) => n !== 1)).toEqual([]);
  expect(perAccount.size).toBe(result.changed);
};

describe('evaluation runs on real worker processes when things go wrong', () => {
  const dataDir = tempDataDir('kam-e2e-faults');
  const processes: KamProcess[] = [];
  let port = 0;
  let env: NodeJS.ProcessEnv = {};
  const worker = (prefix: string) => {
    const started = startKam(
      ['worker', '--queue-prefix', prefix, ...WORKER_FLAGS, '--data-dir', dataDir],
      env,
    );
    processes.push(started);
    return started;
  };
  const evaluate = (prefix: string, asOf: string, batchSize = 150) => {
    const started = startKam(
      [
        'evaluate',
        '--queue',
        '--queue-prefix',
        prefix,
        '--batch-size',
        String(batchSize),
        '--as-of',
        asOf,
        '--json',
        '--data-dir',
        dataDir,
      ],
      env,
    );
    processes.push(started);
    return started;
  };
  const resultOf = async (run: KamProcess): Promise<EvaluateJson> => {
    expect(await run.exited).toBe(0);
    return JSON.parse(
      run
        .output()
        .split('\n')
        .find((line) => line.startsWith('{')) ?? '{}',
    ) as EvaluateJson;
  };

  beforeAll(async () => {
    port = await freePort();
    startPrivateRedis(port);
    env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    const demo = await runKam(
      [
        'demo',
        '--accounts',
        '600',
        '--years',
        '1',
        '--seed',
        '5',
        '--until',
        '2026-01-01',
        '--json',
        '--data-dir',
        dataDir,
      ],
      {
        timeoutMs: 180_000,
      },
    );
    expect(demo.code).toBe(0);
  }, 200_000);

  // A failed attempt must not leave its workers running into the retry.
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((process_) => stopKam(process_, 'SIGKILL')));
  });

  afterAll(async () => {
    await Promise.all(processes.map((process_) => stopKam(process_, 'SIGKILL')));
    stopPrivateRedis(port);
  });

  it('retries the batch of a worker killed mid-batch on another worker, recording each change once', async () => {
    const prefix = `kill-${randomUUID()}`;
    const doomed = worker(prefix);
    await doomed.waitFor(/ready/);
    const run = evaluate(prefix, '2025-11-15');
    const [, jobId] = await doomed.waitFor(BATCH);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const survivor = worker(prefix);
    const result = await resultOf(run);
    expect(result).toMatchObject({ accounts: 600, failed: 0 });
    expect(result.changed).toBeGreaterThan(0);
    expect(survivor.output()).toContain(`job ${jobId} started`);
    expectEachChangeOnce(dataDir, result);
    expect(await stopKam(survivor)).toBe(0);
    expect(survivor.output()).toContain('stopped');
  }, 120_000);

  it('resumes a run when Redis comes back after losing every key, recording each change once', async () => {
    const prefix = `outage-${randomUUID()}`;
    const workers = [worker(prefix), worker(prefix)];
    await Promise.all(workers.map((w) => w.waitFor(/ready/)));
    const run = evaluate(prefix, '2025-10-15');
    await Promise.race(workers.map((w) => w.waitFor(BATCH)));
    stopPrivateRedis(port);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    startPrivateRedis(port);
    const result = await resultOf(run);
    expect(result).toMatchObject({ accounts: 600, failed: 0 });
    expect(result.changed).toBeGreaterThan(0);
    expectEachChangeOnce(dataDir, result);
    // The workers put back what the empty Redis had lost, from the run's record in SQLite.
    expect(workers.map((w) => w.output()).join('')).toMatch(/queued \d+ missing job\(s\) again/);
    // What an operator reads: the outage once when it starts and once when it ends.
    for (const w of workers) {
      expect(w.output()).toMatch(/Redis unreachable at redis:\/\/127\.0\.0\.1:\d+ .*retrying/);
      await w.waitFor(/Redis back at redis:\/\/127\.0\.0\.1:\d+ after \d+\.\d s/, 10_000);
    }
    // Stopped right after the outage: this used to hang for ever on a connection between retries.
    for (const w of workers) expect(await stopKam(w)).toBe(0);
  }, 120_000);

  it('stops a worker on SIGTERM while Redis is away, and its stop says so', async () => {
    const prefix = `stop-${randomUUID()}`;
    const lonely = worker(prefix);
    await lonely.waitFor(/ready/);
    stopPrivateRedis(port);
    try {
      await lonely.waitFor(/Redis unreachable/, 10_000);
      const started = Date.now();
      expect(await stopKam(lonely)).toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(lonely.output()).toContain('stopped');
    } finally {
      startPrivateRedis(port);
    }
  }, 60_000);

  it('refuses kam evaluate --queue when Redis does not answer, saying what to do, and records no run', async () => {
    const runsBefore = runCount(dataDir);
    const nobody = await freePort();
    const refused = await runKam(
      ['evaluate', '--queue', '--as-of', '2025-08-15', '--json', '--data-dir', dataDir],
      { env: { REDIS_URL: `redis://127.0.0.1:${nobody}` }, timeoutMs: 60_000 },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Redis did not answer within 5 s \(connect ECONNREFUSED [^)]*\), so no run was queued/,
    );
    expect(refused.stderr).toMatch(/Start Redis \(or fix REDIS_URL\), or leave out --queue/);
    expect(refused.stderr).not.toMatch(/at TCPConnectWrap/);
    expect(refused.stdout).toBe('');
    expect(runCount(dataDir)).toBe(runsBefore);
  }, 60_000);

  it('shares one run between two worker processes', async () => {
    const prefix = `share-${randomUUID()}`;
    const workers = [worker(prefix), worker(prefix)];
    await Promise.all(workers.map((w) => w.waitFor(/ready/)));
    const result = await resultOf(evaluate(prefix, '2025-09-15', 40));
    expect(result).toMatchObject({ accounts: 600, failed: 0 });
    for (const w of workers) expect(w.output()).toMatch(BATCH);
    expectEachChangeOnce(dataDir, result);
    for (const w of workers) expect(await stopKam(w)).toBe(0);
  }, 120_000);
});
