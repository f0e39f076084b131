import Database from 'better-sqlite3';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The raw ceiling of `kam bench api`, run as its own process beside `kam serve`: a bare node:http
 * server on the same kam.db. GET /accounts/{id} answers the account's summary row through one
 * prepared better-sqlite3 statement; a POST parses its JSON body and answers a receipt without
 * writing. What the API does beyond that (routing, guards, validation, the append) is its overhead.
 *
 * Usage: node ceiling-server.js <kam.db>; prints `listening on http://...` on stdout.
 */
const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: ceiling-server <kam.db>\n');
  process.exit(2);
}
const db = new Database(file, { fileMustExist: true });
const accountRow = db.prepare<[string], Record<string, unknown>>(
  'SELECT * FROM account_summary WHERE account_id = ?',
);

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
      send(response, 201, {
        accountId: url.split('/')[2] ?? '',
        revision: 1,
        position: String(body.orderId),
      });
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
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
