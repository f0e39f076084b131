import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApiBenchmark, type ApiBenchmark, type LoadFigures } from '../../../api/src/bench/api.bench.js';
import { createProgress } from '../output/progress.js';
import { perSecond, printBenchRows, ratio, type BenchRow } from './bench-report.js';

const KAM = fileURLToPath(new URL('../../../../../bin/kam', import.meta.url));
const CEILING_SERVER = fileURLToPath(new URL('../../../api/src/bench/ceiling-server.js', import.meta.url));
const START_GUARD_MS = 120_000;
/** What a child said last, for the message when it fails; the rest is drained and dropped. */
const KEPT_OUTPUT = 4_000;

type Child = Readonly<{ url: string; stop: () => Promise<void> }>;

/**
 * The embedded default profile: settings that would point `kam serve` elsewhere (PostgreSQL, Redis,
 * API keys, another data directory) are left out of its environment.
 */
const serveEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('KAM_')) continue;
    if (['DATABASE_URL', 'REDIS_URL', 'EVENTSTORE_CONNECTION_STRING', 'PORT'].includes(key)) continue;
    env[key] = value;
  }
  return env;
};

/** Starts a node child process and resolves once it prints `listening on http://...`. */
const startListening = (name: string, args: readonly string[]): Promise<Child> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, {
      env: serveEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench api: ${name} did not start:\n${stderr}`));
    }, START_GUARD_MS);
    // Drained, so the server's request log never blocks on a full pipe (as it would not with a log shipper).
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-KEPT_OUTPUT)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(guard);
      resolve({ url, stop });
    });
    child.on('error', reject);
    void exited.then(() => {
      clearTimeout(guard);
      reject(new Error(`bench api: ${name} exited (${child.exitCode ?? child.signalCode}):\n${stderr}`));
    });
  });

const latency = (load: Pick<LoadFigures, 'p50Ms' | 'p99Ms' | 'non2xx' | 'errors'>): string =>
  `p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms` +
  (load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : '');

/**
 * CPU time per request, and the rate one whole core would give at that cost: the figure that holds
 * still when the neighbours take the machine, where requests/s do not.
 */
const cpu = (micros: number | null, ceilingMicros: number | null = null): string =>
  micros === null
    ? ''
    : `; CPU ${micros} µs/req (${perSecond(1e6 / Math.max(micros, 1))} a core)` +
      (ceilingMicros === null ? '' : `, ceiling ${ceilingMicros} µs/req`);

const rows = (result: ApiBenchmark): BenchRow[] => {
  const { commands, commandsAtRate, commandsPaced, accountReads, accountList, targets } = result;
  return [
    {
      workload: 'POST orders, 32 conn',
      figure: perSecond(commands.requestsPerSecond),
      ceiling: commands.ceiling === null ? undefined : perSecond(commands.ceiling),
      ratio: commands.ratio === null ? undefined : ratio(commands.ratio),
      note: latency(commands) + cpu(commands.cpuMicrosPerRequest, commands.ceilingCpuMicrosPerRequest),
    },
    {
      workload: `POST orders at ${commandsAtRate.targetRate}/s`,
      figure: `p99 ${commandsAtRate.p99Ms} ms`,
      ceiling: commandsAtRate.ceilingP99Ms === null ? undefined : `p99 ${commandsAtRate.ceilingP99Ms} ms`,
      note: `autocannon: each second's share sent at once; ${perSecond(commandsAtRate.requestsPerSecond)} served, ${latency(commandsAtRate)}; target p99 < ${targets.commandP99Ms} ms${cpu(commandsAtRate.cpuMicrosPerRequest)}`,
    },
    {
      workload: `POST orders at ${commandsPaced.targetRate}/s, paced`,
      figure: `p99 ${commandsPaced.p99Ms} ms`,
      ceiling: commandsPaced.ceilingP99Ms === null ? undefined : `p99 ${commandsPaced.ceilingP99Ms} ms`,
      note: `one every ${1000 / commandsPaced.targetRate} ms, latency from when due; ${perSecond(commandsPaced.requestsPerSecond)} served, ${latency(commandsPaced)}, max ${commandsPaced.maxMs} ms; target p99 < ${targets.commandP99Ms} ms${cpu(commandsPaced.cpuMicrosPerRequest)}`,
    },
    {
      workload: 'GET /accounts/{id}',
      figure: perSecond(accountReads.requestsPerSecond),
      ceiling: accountReads.ceiling === null ? undefined : perSecond(accountReads.ceiling),
      ratio: accountReads.ratio === null ? undefined : ratio(accountReads.ratio),
      note: `${latency(accountReads)}; target > ${perSecond(targets.accountReadsPerSecond)}${cpu(accountReads.cpuMicrosPerRequest, accountReads.ceilingCpuMicrosPerRequest)}`,
    },
    {
      workload: `GET /accounts?tier=${accountList.tier}`,
      figure: perSecond(accountList.requestsPerSecond),
      note: latency(accountList) + cpu(accountList.cpuMicrosPerRequest),
    },
  ];
};

/**
 * `kam bench api`: autocannon against a real `kam serve` child on a fresh data directory, beside a
 * bare node:http server (ceiling-server.ts) that answers GET /accounts/{id} with one prepared
 * statement on the same file and appends each POST durably, a turn's appends in one commit: what a
 * node process and this disk allow at all, measured in the same minute.
 */
export const benchApi = async (json: boolean): Promise<ApiBenchmark> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-bench-api-'));
  const progress = createProgress('bench api', 'steps');
  const children: Child[] = [];
  try {
    const serve = await startListening('kam serve', [
      KAM,
      'serve',
      '--port',
      '0',
      '--rate-limit',
      '0',
      '--data-dir',
      dir,
    ]);
    children.push(serve);
    const ceiling = await startListening('the ceiling server', [
      CEILING_SERVER,
      path.join(dir, 'kam.db'),
      path.join(dir, 'ceiling.db'),
    ]);
    children.push(ceiling);
    const result = await runApiBenchmark({
      baseUrl: serve.url,
      ceilingUrl: ceiling.url,
      onProgress: ({ phase, done, total }) => progress.update(done, total, { label: phase }),
    });
    progress.stop();
    if (!json) {
      printBenchRows(
        'api: autocannon and a paced load against kam serve (SQLite, synchronous=FULL); ceiling: bare node:http, raw reads and durable appends',
        rows(result),
      );
    }
    return result;
  } finally {
    progress.stop();
    await Promise.all(children.map((child) => child.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
};
