import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type ProjectionLag = Readonly<{ name: string; lag: number }>;

/**
 * The engine's Prometheus metrics, in a registry of its own (not prom-client's global one) so two
 * applications in one process, as in tests, never register a metric twice.
 */
export class KamMetrics {
  readonly registry = new Registry();
  private lagSource: () => Promise<readonly ProjectionLag[]> = async () => [];

  readonly appendedEvents = new Counter({
    name: 'kam_appended_events_total',
    help: 'Events appended to account streams through the API, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'kam_command_append_duration_seconds',
    help: 'Time to read, decide and append one account command (the append dominates), by command and outcome',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  readonly evaluationRuns = new Counter({
    name: 'kam_evaluation_runs_total',
    help: 'Evaluation runs started through this process, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    const source = (): Promise<readonly ProjectionLag[]> => this.lagSource();
    new Gauge({
      name: 'kam_projection_lag_events',
      help: 'Events in the log that a projection has not processed yet',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { name, lag } of await source()) this.set({ projection: name }, lag);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'kam_' });
  }

  /** Read at every scrape, so the gauge is never staler than the scrape itself. */
  useProjectionLag(source: () => Promise<readonly ProjectionLag[]>): void {
    this.lagSource = source;
  }
}
