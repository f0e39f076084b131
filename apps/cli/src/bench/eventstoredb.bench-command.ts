import {
  runEventStoreDbBenchmark,
  type EventStoreDbBenchmarkResult,
  type EventStoreDbWorkload,
} from '@kam/event-store';
import { createProgress } from '../output/progress.js';
import { printBenchRows, storeFigureRows } from './bench-report.js';

const WORKLOADS: readonly EventStoreDbWorkload[] = ['sequential', 'concurrent', 'batched', 'read'];

type StandIn = Readonly<{ connectionString: string; stop: () => Promise<void> }>;

/**
 * Without a server to measure, the gRPC stand-in from the test support code (built into dist for
 * this benchmark only) answers in this process: the figures are the client's and the adapter's
 * overhead, not a server's speed.
 */
const connect = async (): Promise<StandIn & { real: boolean }> => {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real) return { connectionString: real, stop: async () => undefined, real: true };
  const standIn = new URL('../../../../test/support/esdb-stand-in/esdb-stand-in.server.js', import.meta.url);
  const { startEsdbStandIn } = (await import(standIn.href)) as {
    startEsdbStandIn: () => Promise<StandIn>;
  };
  return { ...(await startEsdbStandIn()), real: false };
};

/** `kam bench eventstoredb`: the adapter against the raw client doing the same calls. */
export const benchEventStoreDb = async (json: boolean): Promise<EventStoreDbBenchmarkResult> => {
  const server = await connect();
  const progress = createProgress('bench eventstoredb', 'events');
  try {
    const result = await runEventStoreDbBenchmark({
      connectionString: server.connectionString,
      onProgress: (p) => progress.update(p.done, p.total, { label: `${p.workload}/${p.phase}` }),
    });
    progress.stop();
    if (!json) {
      const where = server.real
        ? `server at ${server.connectionString}`
        : 'the in-process gRPC stand-in (client + adapter overhead, not a server)';
      printBenchRows(
        `eventstoredb: adapter vs raw @eventstore/db-client, against ${where}`,
        storeFigureRows(WORKLOADS, result),
      );
    }
    return result;
  } finally {
    progress.stop();
    await server.stop();
  }
};
