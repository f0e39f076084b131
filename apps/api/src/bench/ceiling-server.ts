import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The raw ceiling of `kam bench api`, run as its own process beside `kam serve`: a bare node:http
 * server. GET /accounts/{id} answers the account's summary row from kam.db through one prepared
 * better-sqlite3 statement. POST /accounts/{id}/orders appends the body as an event to a scratch file
 * with what a durable command cannot do without: the events table and its indexes, WAL with
 * synchronous=FULL, and the appends of one event-loop turn in one commit. What the API does beyond
 * that (routing, guards, validation, reading and folding the stream, the hash chain, the read
 * models) is its overhead.
 *
 * Usage: node ceiling-server.js <kam.db> <scratch.db>; prints `listening on http://...` on stdout.
 */
const [file, scratch] = process.argv.slice(2);
if (file === undefined || scratch === undefined) {
  process.stderr.write('usage: ceiling-server <kam.db> <scratch.db>\n');
  process.exit(2);
}
const db = new Database(file, { fileMustExist: true });
const accountRow = db.prepare<[string], Record<string, unknown>>(
  'SELECT * FROM account_summary WHERE account_id = ?',
);

const log = new Database(scratch);
log.pragma('journal_mode = WAL');
log.pragma('synchronous = FULL');
// The event store's table and indexes (libs/event-store/src/sqlite/sqlite.schema.ts).
log.exec(`CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY, id TEXT NOT NULL, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_id ON events (stream_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream_id, revision);`);
const begin = log.prepare('BEGIN IMMEDIATE');
const commit = log.prepare('COMMIT');
const insert = log.prepare<[string, string, number, string, string, string, string]>(
  'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const revisions = new Map<string, number>();
type Pending = Readonly<{ streamId: string; data: string; done: (position: number) => void }>;
let queue: Pending[] = [];

const flush = (): void => {
  const batch = queue;
  queue = [];
  const recordedAt = new Date().toISOString();
  const positions: number[] = [];
  begin.run();
  for (const { streamId, data } of batch) {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const metadata = '{"actor":"bench"}';
    positions.push(
      Number(
        insert.run(randomUUID(), streamId, revision, 'OrderRecorded', data, metadata, recordedAt)
          .lastInsertRowid,
      ),
    );
  }
  commit.run();
  batch.forEach((pending, index) => pending.done(positions[index] ?? -1));
};

const append = (streamId: string, data: string, done: (position: number) => void): void => {
  if (queue.length === 0) setImmediate(flush);
  queue.push({ streamId, data, done });
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const answer = (request: IncomingMessage, response: ServerResponse): void => {
  const url = request.url ?? '/';
  // The bench reads this process's CPU time around each phase (see api.bench.ts).
  if (request.method === 'GET' && url === '/cpu') {
    send(response, 200, process.cpuUsage());
    return;
  }
  if (request.method === 'GET' && url.startsWith('/accounts/')) {
    const row = accountRow.get(decodeURIComponent(url.slice('/accounts/'.length).split('?')[0] ?? ''));
    send(response, row === undefined ? 404 : 200, row ?? { status: 404 });
    return;
  }
  if (request.method === 'POST') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const accountId = url.split('/')[2] ?? '';
      append(`account-${accountId}`, JSON.stringify({ accountId, ...body }), (position) =>
        send(response, 201, {
          accountId,
          revision: revisions.get(`account-${accountId}`),
          position: String(position),
        }),
      );
    });
    return;
  }
  send(response, 404, { status: 404 });
};

const server = createServer(answer);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`ceiling: listening on http://127.0.0.1:${port}\n`);
});
const stop = (): void => {
  server.close();
  server.closeAllConnections();
  db.close();
  log.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
