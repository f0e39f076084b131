import autocannon, { type AutocannonOptions, type AutocannonResult } from 'autocannon';
import { runPacedLoad, type PacedLoadFigures, type PacedRequest } from './paced-load.js';

export type ApiBenchPhase =
  | 'setup'
  | 'commands'
  | 'commands-ceiling'
  | 'commands-at-rate'
  | 'commands-at-rate-ceiling'
  | 'commands-paced'
  | 'commands-paced-ceiling'
  | 'account-reads'
  | 'account-reads-ceiling'
  | 'account-list';

export type ApiBenchOptions = Readonly<{
  /** A running `kam serve`, started with `--rate-limit 0` so the limiter does not cap the figures. */
  baseUrl: string;
  onProgress?: (progress: Readonly<{ phase: ApiBenchPhase; done: number; total: number }>) => void;
  /** An admin key when the server has KAM_API_KEYS (the setup starts an evaluation run). */
  apiKey?: string;
  /** Seconds per measured phase (default 10). */
  durationSeconds?: number;
  /** Accounts registered for the run (default 200): commands and reads spread over them. */
  accounts?: number;
  /**
   * A raw server on the same data (see ceiling-server.ts): when given, the command and account-read
   * loads also run against it, each right after the API's own phase, and the figures carry the ratio.
   */
  ceilingUrl?: string;
}>;

export type LoadFigures = Readonly<{
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers outside 2xx (a 409 from two writers on one account, a 429 from the limiter) and connection errors. */
  non2xx: number;
  errors: number;
  /**
   * The server process's CPU time (user + system) over the phase per answered request, in µs: what a
   * request costs whatever the neighbours leave of the machine, where requests/s move with them.
   * null when the server does not tell its CPU time.
   */
  cpuMicrosPerRequest: number | null;
}>;

/** The same load against the raw server (requests/s), and the API's share of it; null without one. */
export type CeilingFigures = Readonly<{
  ceiling: number | null;
  ratio: number | null;
  /** The raw server's CPU time per request under the same load. */
  ceilingCpuMicrosPerRequest: number | null;
}>;

export type ApiBenchmark = Readonly<{
  /** POST /accounts/{id}/orders with unique order ids, 32 connections, as fast as the server answers. */
  commands: LoadFigures & CeilingFigures;
  /**
   * The same at a fixed 1,000 requests/s: the latency target is p99 under 25 ms there.
   * `ceilingP99Ms`: the raw server's p99 at that rate, what the disk's fsyncs allow at that moment.
   */
  commandsAtRate: LoadFigures & Readonly<{ targetRate: number; ceilingP99Ms: number | null }>;
  /**
   * The same rate sent evenly (paced-load.ts): autocannon's rate is a burst at the top of each
   * second. Latency counts from when each request was due.
   */
  commandsPaced: PacedLoadFigures &
    Readonly<{ targetRate: number; ceilingP99Ms: number | null; cpuMicrosPerRequest: number | null }>;
  /** GET /accounts/{id} over the registered accounts. */
  accountReads: LoadFigures & CeilingFigures;
  /** GET /accounts?tier=<the most populated tier>. */
  accountList: LoadFigures & Readonly<{ tier: string }>;
  targets: Readonly<{ commandP99Ms: number; commandRate: number; accountReadsPerSecond: number }>;
}>;

const CONNECTIONS = 32;
const COMMAND_RATE = 1000;

type Json = Record<string, unknown>;

/** Cumulative CPU time of a server process in µs, or null when it cannot be read. */
type CpuClock = () => Promise<number | null>;

const PROCESS_CPU = /^kam_process_cpu_(?:user|system)_seconds_total (\S+)$/gm;

/** From `kam serve`'s own /metrics: prom-client's process CPU counters (seconds, µs precision). */
const serveCpuClock =
  (base: string, auth: Readonly<Record<string, string>>): CpuClock =>
  async () => {
    const response = await fetch(`${base}/metrics`, { headers: auth });
    if (!response.ok) return null;
    const seconds = [...(await response.text()).matchAll(PROCESS_CPU)].map((match) => Number(match[1]));
    return seconds.length === 2 ? Math.round((seconds[0] ?? 0) * 1e6 + (seconds[1] ?? 0) * 1e6) : null;
  };

/** From the ceiling server's GET /cpu (process.cpuUsage()). */
const ceilingCpuClock =
  (url: string): CpuClock =>
  async () => {
    const response = await fetch(`${url}/cpu`);
    if (!response.ok) return null;
    const usage = (await response.json()) as { user?: number; system?: number };
    return typeof usage.user === 'number' && typeof usage.system === 'number'
      ? usage.user + usage.system
      : null;
  };

const figures = (
  result: AutocannonResult,
  connections: number,
  cpuMicros: number | null = null,
): LoadFigures => ({
  connections,
  requests: result.requests.total,
  requestsPerSecond: Math.round(result.requests.total / Math.max(result.duration, 0.001)),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  cpuMicrosPerRequest:
    cpuMicros === null || result.requests.total === 0 ? null : Math.round(cpuMicros / result.requests.total),
});

/** Commands, reads and filtered lists against a running server, each phase on its own clock. */
export const runApiBenchmark = async (options: ApiBenchOptions): Promise<ApiBenchmark> => {
  const base = options.baseUrl.replace(/\/$/, '');
  const auth: Record<string, string> =
    options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` };
  const duration = options.durationSeconds ?? 10;
  const progress = options.onProgress ?? (() => undefined);
  const send = async (method: string, path: string, body?: Json): Promise<Json> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Json;
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };

  const accountIds = await registerAccounts(send, options.accounts ?? 200, (done, total) =>
    progress({ phase: 'setup', done, total }),
  );
  const tier = await classify(send, accountIds);
  const ceilingUrl = options.ceilingUrl?.replace(/\/$/, '');
  const cpuClocks = new Map<string, CpuClock>([[base, serveCpuClock(base, auth)]]);
  if (ceilingUrl !== undefined) cpuClocks.set(ceilingUrl, ceilingCpuClock(ceilingUrl));
  /** A phase against `url`, with that server's CPU time (µs) over it; null when it does not tell. */
  const timed = async <T>(phase: ApiBenchPhase, url: string, load: () => PromiseLike<T>) => {
    progress({ phase, done: 0, total: duration });
    const cpuClock = cpuClocks.get(url) ?? (async () => null);
    const cpuBefore = await cpuClock();
    const result = await load();
    const cpuAfter = await cpuClock();
    progress({ phase, done: duration, total: duration });
    return { result, cpuMicros: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  };
  /** One autocannon phase against `url`. */
  const run = async (
    phase: ApiBenchPhase,
    settings: Omit<AutocannonOptions, 'url'>,
    url = base,
  ): Promise<LoadFigures> => {
    const { result, cpuMicros } = await timed(phase, url, () =>
      autocannon({ url, connections: CONNECTIONS, duration, headers: auth, ...settings }),
    );
    return figures(result, CONNECTIONS, cpuMicros);
  };

  let sequence = 0;
  // Round-robin over the accounts: the figure is the server's, not that of 32 writers queueing on one stream.
  const nextOrder = (): Readonly<{ path: string; body: string }> => {
    sequence += 1;
    const accountId = accountIds[sequence % accountIds.length] ?? '';
    const body = {
      orderId: `bench-${Date.now()}-${sequence}`,
      amount: '100.00',
      currency: 'CNY',
      grossProfit: '20.00',
    };
    return { path: `/accounts/${accountId}/orders`, body: JSON.stringify(body) };
  };
  const orderHeaders = { ...auth, 'content-type': 'application/json' };
  const orderRequest = [
    {
      method: 'POST',
      headers: orderHeaders,
      setupRequest: (request: { path?: string; body?: string }) => ({ ...request, ...nextOrder() }),
    },
  ];
  const pacedOrder = (): PacedRequest => ({ method: 'POST', headers: orderHeaders, ...nextOrder() });
  /** The even-rate load against `url`. */
  const paced = async (phase: ApiBenchPhase, url: string) => {
    const { result, cpuMicros } = await timed(phase, url, () =>
      runPacedLoad({
        url,
        rate: COMMAND_RATE,
        durationSeconds: duration,
        warmupSeconds: 1,
        connections: CONNECTIONS,
        next: pacedOrder,
      }),
    );
    return {
      ...result,
      cpuMicrosPerRequest:
        cpuMicros === null || result.requests === 0 ? null : Math.round(cpuMicros / result.requests),
    };
  };
  const withCeiling = async (
    phase: ApiBenchPhase & `${string}-ceiling`,
    measured: LoadFigures,
    settings: Omit<AutocannonOptions, 'url'>,
  ): Promise<LoadFigures & CeilingFigures> => {
    if (ceilingUrl === undefined)
      return { ...measured, ceiling: null, ratio: null, ceilingCpuMicrosPerRequest: null };
    const raw = await run(phase, settings, ceilingUrl);
    const ceiling = raw.requestsPerSecond;
    return {
      ...measured,
      ceiling,
      ratio: ceiling === 0 ? null : measured.requestsPerSecond / ceiling,
      ceilingCpuMicrosPerRequest: raw.cpuMicrosPerRequest,
    };
  };
  const commands = await withCeiling('commands-ceiling', await run('commands', { requests: orderRequest }), {
    requests: orderRequest,
  });
  const atRateSettings = { requests: orderRequest, overallRate: COMMAND_RATE };
  const atRate = await run('commands-at-rate', atRateSettings);
  const atRateCeiling =
    ceilingUrl === undefined ? null : await run('commands-at-rate-ceiling', atRateSettings, ceilingUrl);
  const pacedCommands = await paced('commands-paced', base);
  const pacedCeiling = ceilingUrl === undefined ? null : await paced('commands-paced-ceiling', ceilingUrl);

  let reads = 0;
  const readRequest = [
    {
      method: 'GET',
      setupRequest: (request: { path?: string }) => {
        reads += 1;
        return { ...request, path: `/accounts/${accountIds[reads % accountIds.length] ?? ''}` };
      },
    },
  ];
  const accountReads = await withCeiling(
    'account-reads-ceiling',
    await run('account-reads', { requests: readRequest }),
    { requests: readRequest },
  );
  const accountList = await run('account-list', {
    method: 'GET',
    requests: [{ path: `/accounts?tier=${encodeURIComponent(tier)}` }],
  });

  return {
    commands,
    commandsAtRate: { ...atRate, targetRate: COMMAND_RATE, ceilingP99Ms: atRateCeiling?.p99Ms ?? null },
    commandsPaced: { ...pacedCommands, targetRate: COMMAND_RATE, ceilingP99Ms: pacedCeiling?.p99Ms ?? null },
    accountReads,
    accountList: { ...accountList, tier },
    targets: { commandP99Ms: 25, commandRate: COMMAND_RATE, accountReadsPerSecond: 5000 },
  };
};

type Send = (method: string, path: string, body?: Json) => Promise<Json>;

/** Registers the accounts with a first order each, and waits until the read models hold them. */
const registerAccounts = async (
  send: Send,
  count: number,
  onProgress: (done: number, total: number) => void,
): Promise<string[]> => {
  const ids: string[] = [];
  let position = '0';
  for (let index = 0; index < count; index += 1) {
    const registered = await send('POST', '/accounts', {
      name: `Bench ${index}`,
      industry: 'manufacturing',
      region: 'east',
    });
    const accountId = String(registered.accountId);
    const amount = `${(index % 50) * 1000 + 500}.00`;
    const order = await send('POST', `/accounts/${accountId}/orders`, {
      orderId: 'seed',
      amount,
      currency: 'CNY',
      grossProfit: '100.00',
    });
    position = String(order.position);
    ids.push(accountId);
    onProgress(index + 1, count);
  }
  await send('GET', `/accounts/${ids[0] ?? ''}?after=${position}&timeoutMs=30000`);
  return ids;
};

/** One evaluation run so the accounts have tiers; the list phase filters on the most populated one. */
const classify = async (send: Send, accountIds: readonly string[]): Promise<string> => {
  const started = await send('POST', '/evaluations', {});
  for (;;) {
    const run = await send('GET', `/evaluations/${String(started.runId)}`);
    if (run.status === 'failed') throw new Error(`the evaluation run failed: ${String(run.error)}`);
    if (run.status === 'done') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const head = await send('GET', '/ready');
  const info = head.info as { eventStore?: { head?: string } } | undefined;
  await send(
    'GET',
    `/accounts/${accountIds[0] ?? ''}?after=${info?.eventStore?.head ?? '0'}&timeoutMs=30000`,
  );
  const portfolio = await send('GET', '/portfolio');
  const tiers = Object.entries(portfolio.tiers as Record<string, { count: number }>);
  tiers.sort(([, a], [, b]) => b.count - a.count);
  return tiers[0]?.[0] ?? 'standard';
};
