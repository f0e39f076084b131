import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Test code: runs projections.child.ts in a real node process. */
const register = fileURLToPath(new URL('./ts-register.mjs', import.meta.url));
const script = fileURLToPath(new URL('./projections.child.ts', import.meta.url));

export type ChildRun = Readonly<{ killed: boolean; code: number | null; lines: readonly string[] }>;

/** Resolves when the child exits; with `killAfterLines`, kill -9s it once it has printed that many lines. */
export const runChild = (
  mode: 'catch-up' | 'rebuild',
  file: string,
  options: Readonly<{ batchSize?: number; killAfterLines?: number }> = {},
): Promise<ChildRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', register, script, mode, file, String(options.batchSize ?? 500)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines: string[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      lines.push(...complete);
      const limit = options.killAfterLines;
      if (limit !== undefined && lines.length >= limit && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, lines }));
  });
