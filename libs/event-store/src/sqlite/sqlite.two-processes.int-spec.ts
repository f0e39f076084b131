import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anEvent, collect } from '@kam/test-support';
import type { RecordedEvent } from '../event-store.port.js';
import { openSqliteEventStore } from './sqlite.event-store.js';

const EVENT_STORE_SRC = dirname(dirname(fileURLToPath(import.meta.url)));
const REPO_ROOT = join(EVENT_STORE_SRC, '..', '..', '..');

/**
 * A second OS process running the real adapter: it compiles the adapter's sources with SWC (Node 20
 * cannot load TypeScript), says "ready", and on "go" appends with 8 concurrent appenders, as the
 * parent does at the same moment.
 */
const CHILD_SCRIPT = `
import { transformFileSync } from '@swc/core';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [srcDir, outDir, file, count, shared] = process.argv.slice(1);
for (const dir of ['', 'sql', 'sqlite']) {
  mkdirSync(join(outDir, dir), { recursive: true });
  for (const name of readdirSync(join(srcDir, dir)).filter((n) => n.endsWith('.ts') && !n.includes('spec'))) {
    const { code } = transformFileSync(join(srcDir, dir, name), {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'es6' },
    });
    writeFileSync(join(outDir, dir, name.replace(/\\.ts$/, '.js')), code);
  }
}
writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
symlinkSync(join(process.cwd(), 'node_modules'), join(outDir, 'node_modules'));
const { openSqliteEventStore } = await import(pathToFileURL(join(outDir, 'sqlite', 'sqlite.event-store.js')).href);
const store = await openSqliteEventStore({ file });
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const total = Number(count);
await Promise.all(Array.from({ length: 8 }, async (_, worker) => {
  for (let i = worker; i < total; i += 8) {
    const metadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: 'child', schemaVersion: 1 };
    const stream = i % 2 === 0 ? shared : 'child-' + i;
    await store.appendToStream(stream, [{ id: randomUUID(), type: 'ChildWrote', data: { i }, metadata }]);
  }
}));
await store.close();
`;

type Child = { ready: Promise<void>; go: () => void; exited: Promise<number | null> };

function startChild(args: readonly string[]): Child {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the child process exited (${code}) before it was ready`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { ready, go: () => child.stdin.end('go\n'), exited };
}

describe('SqliteEventStore shared by two processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kam-two-processes-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appending concurrently to one file loses nothing, and each sees the other through its subscription', async () => {
    const file = join(dir, 'kam.db');
    const shared = `account-${randomUUID()}`;
    const perProcess = 1_000;
    const store = await openSqliteEventStore({ file, pollIntervalMs: 50 });
    const subscription = store.subscribeToAll();
    const child = startChild([EVENT_STORE_SRC, join(dir, 'child-build'), file, String(perProcess), shared]);
    await child.ready;
    child.go();

    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let i = worker; i < perProcess; i += 8) {
          await store.appendToStream(i % 2 === 0 ? shared : `parent-${i}`, [anEvent('ParentWrote', { i })]);
        }
      }),
    );
    expect(await child.exited).toBe(0);

    const delivered: RecordedEvent[] = [];
    for await (const event of subscription) {
      delivered.push(event);
      if (delivered.length === 2 * perProcess) break;
    }
    const sharedStream = await collect(store.readStream(shared));
    const all = await collect(store.readAll());
    await store.close();

    expect(all).toHaveLength(2 * perProcess);
    expect(delivered.map((event) => event.id)).toEqual(all.map((event) => event.id));
    expect(all.filter((event) => event.type === 'ChildWrote')).toHaveLength(perProcess);
    expect(sharedStream.map((event) => event.revision)).toEqual(
      Array.from({ length: perProcess }, (_, i) => BigInt(i)),
    );
  }, 60_000);
});
