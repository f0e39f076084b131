import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const KAM_BIN = path.join(REPO_ROOT, 'bin', 'kam');

/** The test runner's own KAM_* settings must not leak into the process under test. */
const cleanEnv = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      !key.startsWith('KAM_') &&
      key !== 'EVENTSTORE_CONNECTION_STRING' &&
      key !== 'DATABASE_URL' &&
      key !== 'REDIS_URL'
    )
      env[key] = value;
  }
  return { ...env, ...overrides };
};

export type KamRun = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs the real, built `kam` binary as a user would, in its own process. */
export const runKam = (
  args: readonly string[],
  options: Readonly<{ env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }> = {},
): Promise<KamRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KAM_BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

export const tempDataDir = (label = 'kam'): string => mkdtempSync(path.join(tmpdir(), `${label}-`));
