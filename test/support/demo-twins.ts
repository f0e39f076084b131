import { runKam } from './run-kam.js';

/** What `kam demo --json` prints, as far as the profile comparisons read it. */
export type DemoSummary = Readonly<{
  accounts: number;
  events: number;
  stages: Record<string, number>;
  sampleAccountIds: string[];
}>;

type HistoryItem = {
  revision: number;
  type: string;
  data: unknown;
  metadata: { actor: string; reason: string | null };
};

/** A small demo, the same seed for every profile: what "same behaviour" is compared on. */
const DEMO_ARGS = [
  'demo',
  '--accounts',
  '25',
  '--years',
  '2',
  '--seed',
  '11',
  '--until',
  '2026-01-01',
  '--json',
];

/**
 * The same seeded demo recorded twice: under a profile's environment (another event store) and on
 * the embedded default, each into its own data directory. A profile changes configuration, not
 * behaviour, so the two are compared.
 */
export async function recordDemoTwins(
  profile: Readonly<{ env: NodeJS.ProcessEnv; dataDir: string }>,
  sqliteDataDir: string,
): Promise<Readonly<{ onProfile: DemoSummary; onSqlite: DemoSummary }>> {
  const profileRun = await runKam([...DEMO_ARGS, '--data-dir', profile.dataDir], { env: profile.env });
  const sqliteRun = await runKam([...DEMO_ARGS, '--data-dir', sqliteDataDir]);
  expect(profileRun.stderr).not.toMatch(/unexpected failure/);
  expect(profileRun.code).toBe(0);
  expect(sqliteRun.code).toBe(0);
  return {
    onProfile: JSON.parse(profileRun.stdout) as DemoSummary,
    onSqlite: JSON.parse(sqliteRun.stdout) as DemoSummary,
  };
}

/** `kam history` of each account under the profile and on SQLite: the same events, in the same order. */
export async function expectSameHistories(
  accountIds: readonly string[],
  profile: Readonly<{ env: NodeJS.ProcessEnv; dataDir: string }>,
  sqliteDataDir: string,
): Promise<void> {
  const strip = (items: HistoryItem[]) =>
    items.map((i) => [i.revision, i.type, i.data, i.metadata.actor, i.metadata.reason]);
  for (const accountId of accountIds) {
    const onProfile = await runKam(['history', accountId, '--json', '--data-dir', profile.dataDir], {
      env: profile.env,
    });
    const onSqlite = await runKam(['history', accountId, '--json', '--data-dir', sqliteDataDir]);
    expect(onProfile.code).toBe(0);
    expect(strip(JSON.parse(onProfile.stdout) as HistoryItem[])).toEqual(
      strip(JSON.parse(onSqlite.stdout) as HistoryItem[]),
    );
  }
}
