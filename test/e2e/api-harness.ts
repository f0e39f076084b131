import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { KAM_BIN, REPO_ROOT, tempDataDir } from '@kam/test-support';

/**
 * A real `kam serve` child process on a random port and a real SQLite file, for black-box tests
 * over HTTP. Every test file stops the servers it starts.
 */
export type KamServer = Readonly<{
  url: string;
  dataDir: string;
  output: () => Readonly<{ stdout: string; stderr: string }>;
  /** Sends the signal and resolves with the exit code once the process has ended. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}>;

export type ServeOptions = Readonly<{ dataDir?: string; env?: NodeJS.ProcessEnv; args?: readonly string[] }>;

const childEnv = (overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('KAM_') && !['EVENTSTORE_CONNECTION_STRING', 'REDIS_URL', 'PORT'].includes(key))
      env[key] = value;
  }
  return { ...env, ...overrides };
};

/** `KAM_E2E_BIN` points at another build of the same tree (a private one while others rebuild dist/). */
const BIN = process.env.KAM_E2E_BIN ?? KAM_BIN;

// Only a guard against a hung start; no assertion depends on it.
const START_GUARD_MS = 60_000;

export const startKamServe = (options: ServeOptions = {}): Promise<KamServer> => {
  const dataDir = options.dataDir ?? tempDataDir('kam-api');
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    { cwd: REPO_ROOT, env: childEnv(options.env ?? {}) },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kam serve did not start:\n${stderr}`));
    }, START_GUARD_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(guard);
      resolve({ url, dataDir, output: () => ({ stdout, stderr }), stop });
    });
    void exited.then((code) => {
      clearTimeout(guard);
      reject(new Error(`kam serve exited with ${code} before listening:\n${stderr}`));
    });
  });
};

export type ApiAnswer<T = unknown> = Readonly<{ status: number; headers: Headers; body: T }>;

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: { field: string; rule: string; message: string }[];
};

export type Receipt = { accountId: string; revision: number; position: string };

/** One HTTP call; the body is parsed as JSON when the answer is JSON (problem documents included). */
export const call = async <T = unknown>(
  server: Pick<KamServer, 'url'>,
  method: string,
  path: string,
  options: Readonly<{ body?: unknown; rawBody?: string; headers?: Record<string, string> }> = {},
): Promise<ApiAnswer<T>> => {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    body: (isJson ? JSON.parse(text) : text) as T,
  };
};

export const registerAccount = async (
  server: Pick<KamServer, 'url'>,
  name = 'Acme Tooling',
): Promise<Receipt> => {
  const answer = await call<Receipt>(server, 'POST', '/accounts', {
    body: { name, industry: 'manufacturing', region: 'east' },
  });
  if (answer.status !== 201) throw new Error(`registration failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

export type HistoryItem = {
  revision: number;
  position: string;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: { actor: string; reason: string | null; correlationId: string; causationId: string };
};

export const historyOf = async (
  server: Pick<KamServer, 'url'>,
  accountId: string,
): Promise<HistoryItem[]> => {
  const answer = await call<{ items: HistoryItem[]; next: string | null }>(
    server,
    'GET',
    `/accounts/${accountId}/history?limit=1000`,
  );
  return answer.status === 200 ? answer.body.items : [];
};

/** The log's head, from the readiness probe: what a test compares to prove nothing was written. */
export const headOf = async (server: Pick<KamServer, 'url'>): Promise<string> => {
  const answer = await call<{ info: { eventStore: { head: string } } }>(server, 'GET', '/ready');
  return answer.body.info.eventStore.head;
};

export type CliRun = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs one `kam` command to its end, with the same environment rules as the server. */
export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
