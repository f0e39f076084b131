import Database from 'better-sqlite3';
import path from 'node:path';
import { runKam, tempDataDir } from '@kam/test-support';

/** Each test starts `kam` a few times; each start boots the engine. */
const SLOW = 60_000;

type ExportedLine = {
  position: string;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: { hash: string; prevHash: string; actor: string };
};

type VerifyJson = {
  ok: boolean;
  checked: number;
  firstBreak: { streamId: string; revision: string; position: string; reason: string } | null;
};

const lines = (stdout: string): ExportedLine[] =>
  stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as ExportedLine);

describe('kam audit verify and kam export, as an auditor runs them', () => {
  const dataDir = tempDataDir('kam-e2e-audit');
  let accountId: string;
  let exported: ExportedLine[];

  beforeAll(async () => {
    const demo = await runKam(
      [
        'demo',
        '--accounts',
        '30',
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
      { timeoutMs: 120_000 },
    );
    expect(demo.code).toBe(0);
    accountId = (JSON.parse(demo.stdout) as { sampleAccountIds: string[] }).sampleAccountIds[0]!;
    const run = await runKam(['export', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    exported = lines(run.stdout);
  }, 150_000);

  it('exports every event as one JSON object per line, in log order, with its chain hashes', () => {
    expect(exported.length).toBeGreaterThan(300);
    const positions = exported.map((line) => BigInt(line.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    for (const line of exported) {
      expect(line.position).toMatch(/^\d+$/);
      expect(line.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const first = exported.find((line) => line.streamId === `account-${accountId}`)!;
    expect(first.revision).toBe(0);
    expect(first.metadata.prevHash).toBe('0'.repeat(64));
  });

  it(
    'exports one stream, or the log from a position on',
    async () => {
      const stream = lines(
        (await runKam(['export', '--stream', `account-${accountId}`, '--data-dir', dataDir])).stdout,
      );
      expect(stream.length).toBe(exported.filter((line) => line.streamId === `account-${accountId}`).length);
      expect(stream.map((line) => line.revision)).toEqual(stream.map((_, i) => i));
      const middle = exported[Math.floor(exported.length / 2)]!.position;
      const tail = lines((await runKam(['export', '--from', middle, '--data-dir', dataDir])).stdout);
      expect(tail[0]?.position).toBe(middle);
      expect(tail.length).toBe(exported.filter((line) => BigInt(line.position) >= BigInt(middle)).length);
    },
    SLOW,
  );

  it(
    'finds the chain intact over every event',
    async () => {
      const run = await runKam(['audit', 'verify', '--json', '--data-dir', dataDir]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ ok: true, checked: exported.length, firstBreak: null });
    },
    SLOW,
  );

  it(
    'finds a row edited in the SQLite file, at its stream and revision, and exits 1',
    async () => {
      const victim = exported.filter(
        (line) => line.streamId === `account-${accountId}` && line.type === 'OrderRecorded',
      )[1]!;
      const db = new Database(path.join(dataDir, 'kam.db'));
      const forged = { ...victim.data, amount: { amount: '1.00', currency: 'CNY' } };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify(forged),
        Number(victim.position),
      );
      db.close();

      const run = await runKam(['audit', 'verify', '--json', '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as VerifyJson;
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toEqual({
        streamId: victim.streamId,
        revision: String(victim.revision),
        position: victim.position,
        reason: 'hash-mismatch',
        detail: expect.any(String) as string,
      });
      expect(run.stderr).toMatch(
        new RegExp(`hash chain broken at ${victim.streamId} revision ${victim.revision}`),
      );

      const human = await runKam(['audit', 'verify', '--stream', victim.streamId, '--data-dir', dataDir]);
      expect(human.code).toBe(1);
      expect(human.stdout).toBe('');
    },
    SLOW,
  );

  it(
    'says so when the stream asked for does not exist',
    async () => {
      const run = await runKam(['audit', 'verify', '--stream', 'account-nobody', '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/no stream account-nobody/);
    },
    SLOW,
  );
});
