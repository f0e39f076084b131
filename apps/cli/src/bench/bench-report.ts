/** How every benchmark prints: a figure beside its ceiling and the ratio, so noise shows as noise. */
export type BenchRow = Readonly<{
  workload: string;
  figure: string;
  ceiling?: string;
  ratio?: string;
  note?: string;
}>;

export const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`;
export const ratio = (value: number): string => `${(value * 100).toFixed(0)}%`;

export const printBenchRows = (title: string, rows: readonly BenchRow[]): void => {
  const header = ['workload', 'figure', 'ceiling', 'ratio', 'note'];
  const cells = rows.map((r) => [r.workload, r.figure, r.ceiling ?? '-', r.ratio ?? '-', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c
      .map((x, i) => x.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `${title}\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${cells.map(line).join('\n')}\n`,
  );
};

/** An append or read workload's figure against its ceiling, as the event-store benchmarks give it. */
type StoreFigure = Readonly<{
  eventsPerSecond: number;
  ceiling: number;
  ratio: number;
  events: number;
  failedAppends: number;
}>;

/** One row a workload, for the event-store benchmarks (append, postgres, eventstoredb). */
export const storeFigureRows = <W extends string>(
  workloads: readonly W[],
  result: Readonly<Record<W, StoreFigure>>,
): BenchRow[] =>
  workloads.map((workload) => ({
    workload,
    figure: perSecond(result[workload].eventsPerSecond),
    ceiling: perSecond(result[workload].ceiling),
    ratio: ratio(result[workload].ratio),
    note: `${result[workload].events} events, ${result[workload].failedAppends} failed appends`,
  }));
