import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { KAM_BIN, REPO_ROOT } from '@kam/test-support';

/** A long-running `kam` process (a worker, a waiting evaluate) whose output the test can wait on. */
export type KamProcess = Readonly<{
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}>;

export const startKam = (args: readonly string[], env: NodeJS.ProcessEnv): KamProcess => {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('KAM_') && key !== 'REDIS_URL'),
  );
  const child = spawn(process.execPath, [KAM_BIN, ...args], { cwd: REPO_ROOT, env: { ...clean, ...env } });
  let text = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = text.match(pattern);
        if (match === null) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${pattern} in:\n${text.slice(-3000)}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { child, output: () => text, waitFor, exited };
};

export const stopKam = async (
  process_: KamProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> => {
  if (process_.child.exitCode === null && process_.child.signalCode === null) process_.child.kill(signal);
  return process_.exited;
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** A Redis of the test's own, on its own port, with nothing saved: stopping it loses every key. */
export const startPrivateRedis = (port: number): void => {
  execFileSync('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
  ]);
  for (let i = 0; i < 100; i += 1) {
    try {
      if (
        execFileSync('redis-cli', ['-p', String(port), 'ping'])
          .toString()
          .includes('PONG')
      )
        return;
    } catch {
      // not up yet
    }
    execFileSync('sleep', ['0.1']);
  }
  throw new Error(`redis-server on ${port} did not start`);
};

export const stopPrivateRedis = (port: number): void => {
  try {
    execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
  } catch {
    // already down: shutdown closes the connection before answering
  }
};

/** Reclassifications in the log per (run, account): the figure "each change once" is about. */
export const reclassificationsOfRun = (dataDir: string, runId: string): Map<string, number> => {
  const db = new Database(path.join(dataDir, 'kam.db'), { readonly: true });
  try {
    const rows = db
      .prepare<[string], { stream_id: string; n: number }>(
        "SELECT stream_id, count(*) AS n FROM events WHERE type = 'AccountReclassified' AND json_extract(data, '$.runId') = ? GROUP BY stream_id",
      )
      .all(runId);
    return new Map(rows.map((row) => [row.stream_id, row.n]));
  } finally {
    db.close();
  }
};

/** Evaluation runs recorded in the data directory, whatever their state. */
export const runCount = (dataDir: string): number => {
  const db = new Database(path.join(dataDir, 'kam.db'), { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM evaluation_runs').get()?.n ?? 0;
  } finally {
    db.close();
  }
};
