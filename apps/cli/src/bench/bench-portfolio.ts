import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteEventStore } from '@kam/event-store';

const KAM = fileURLToPath(new URL('../../../../../bin/kam', import.meta.url));

/** Events in the log of an existing data directory (-1 when there is none). */
const eventsIn = async (file: string): Promise<bigint> => {
  if (!existsSync(file)) return -1n;
  const store = await openSqliteEventStore({ file });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
};

/**
 * A demo portfolio big enough for a benchmark, recorded once through the real `kam demo` and kept
 * under the data directory, so later runs measure without paying for the setup again.
 */
export const ensureBenchPortfolio = async (
  dataDir: string,
  minEvents: number,
  accounts: number,
): Promise<string> => {
  const file = path.join(dataDir, 'kam.db');
  if ((await eventsIn(file)) >= BigInt(minEvents)) return file;
  process.stderr.write(
    `bench: recording a ${accounts}-account demo portfolio into ${dataDir} (once; kept for later runs)\n`,
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        KAM,
        'demo',
        '--accounts',
        String(accounts),
        '--years',
        '3',
        '--seed',
        '1',
        '--until',
        '2026-01-01',
        '--fresh',
        '--json',
        '--data-dir',
        dataDir,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('error', reject).on('close', resolve);
  });
  if (code !== 0)
    throw new Error(`bench: recording the benchmark portfolio failed (kam demo exited ${code})`);
  const events = await eventsIn(file);
  if (events < BigInt(minEvents)) {
    throw new Error(
      `bench: the portfolio has ${events} events, fewer than the ${minEvents} this benchmark needs`,
    );
  }
  return file;
};
