import { Agent, request as httpRequest } from 'node:http';

/** One request of a paced load: built when it is due, so each can carry its own id. */
export type PacedRequest = Readonly<{
  method: string;
  path: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
}>;

export type PacedLoadOptions = Readonly<{
  /** The server's origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Requests per second, sent evenly: request i is due at i / rate seconds. */
  rate: number;
  durationSeconds: number;
  /**
   * Sent at the same rate first and not counted: the client's own first second (opening the
   * connections, compiling its code) is slow enough to show in a p99.
   */
  warmupSeconds?: number;
  /** Keep-alive connections; a request due while all are busy waits for one, and that wait counts. */
  connections: number;
  next: () => PacedRequest;
}>;

export type PacedLoadFigures = Readonly<{
  requests: number;
  /** Answered requests over the time from the first one due to the last answer. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}>;

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);

const rounded = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * A constant-rate load, for a latency target "at N requests/s". autocannon's `overallRate` lets each
 * connection send its share of a second back to back as soon as the second starts (its per-second
 * counter is reset by a one-second interval), so the server sees a burst at full speed every
 * second and the p99 is that of a 32-deep queue. Here requests are due evenly spaced, and each
 * latency is measured from when the request was due, not from when a connection was free to send
 * it, so a stalled server is charged for the requests it kept waiting (no coordinated omission).
 */
export const runPacedLoad = async (options: PacedLoadOptions): Promise<PacedLoadFigures> => {
  const base = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const warmup = Math.round(options.rate * (options.warmupSeconds ?? 0));
  const total = Math.round(options.rate * options.durationSeconds);
  const intervalMs = 1000 / options.rate;
  const latencies = new Float64Array(total);
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  let lastAnswerAt = 0;

  const send = (due: number, spec: PacedRequest, counted: boolean): Promise<void> =>
    new Promise((resolve) => {
      const settle = (ok: boolean, status: number): void => {
        if (!counted) return resolve();
        const now = performance.now();
        lastAnswerAt = Math.max(lastAnswerAt, now);
        if (!ok) errors += 1;
        else {
          if (status < 200 || status >= 300) non2xx += 1;
          latencies[answered] = now - due;
          answered += 1;
        }
        resolve();
      };
      const req = httpRequest(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: spec.method,
          path: spec.path,
          headers:
            spec.body === undefined
              ? spec.headers
              : { ...spec.headers, 'content-length': Buffer.byteLength(spec.body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => settle(true, res.statusCode ?? 0));
          res.on('error', () => settle(false, 0));
        },
      );
      req.on('error', () => settle(false, 0));
      req.end(spec.body);
    });

  const firstDue = performance.now();
  const dueAt = (n: number): number => firstDue + n * intervalMs;
  const started = dueAt(warmup);
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < warmup + total) {
    const now = performance.now();
    // Everything due by now goes out in this turn: a late timer must not thin the rate.
    while (sent < warmup + total && dueAt(sent) <= now) {
      inFlight.push(send(dueAt(sent), options.next(), sent >= warmup));
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt(sent) - performance.now())));
  }
  await Promise.all(inFlight);
  agent.destroy();

  const sorted = latencies.subarray(0, answered).sort();
  return {
    requests: answered,
    requestsPerSecond: Math.round(answered / Math.max((lastAnswerAt - started) / 1000, 0.001)),
    p50Ms: rounded(percentile(sorted, 0.5)),
    p99Ms: rounded(percentile(sorted, 0.99)),
    maxMs: rounded(sorted[sorted.length - 1] ?? 0),
    non2xx,
    errors,
  };
};
