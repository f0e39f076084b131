import cliProgress from 'cli-progress';

export type ProgressReporter = Readonly<{
  update: (done: number, total: number, extra?: Readonly<{ events?: number; label?: string }>) => void;
  stop: () => void;
}>;

const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/**
 * Progress on stderr, never stdout (which `--json` keeps for the result): a bar on a terminal,
 * periodic lines with rate and ETA otherwise, so a CI log or a `| tee` still shows it moving.
 */
export const createProgress = (
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter => {
  let started = performance.now();
  let phase: string | undefined;
  /** A new phase (a benchmark's next workload) restarts the clock, so rate and ETA stay its own. */
  const enter = (label: string | undefined): void => {
    if (label === phase) return;
    phase = label;
    started = performance.now();
  };
  const rate = (events: number): number => events / Math.max(0.001, (performance.now() - started) / 1000);
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label}{phase} [{bar}] {percentage}% | {value}/{total} ${unit} | {events} events, {rate}/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update: (done, total, extra) => {
        enter(extra?.label);
        const payload = {
          events: extra?.events ?? done,
          rate: Math.round(rate(extra?.events ?? done)),
          phase: extra?.label ? ` ${extra.label}` : '',
        };
        if (!startedBar) {
          bar.start(total, done, payload);
          startedBar = true;
        } else {
          if (bar.getTotal() !== total) bar.setTotal(total);
          bar.update(done, payload);
        }
      },
      stop: () => startedBar && bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update: (done, total, extra) => {
      enter(extra?.label);
      const now = performance.now();
      if (now - lastLine < 2000 && done < total) return;
      lastLine = now;
      const elapsed = (now - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
      const events = extra?.events ?? done;
      stream.write(
        `${label}${extra?.label ? ` ${extra.label}` : ''}: ${done}/${total} ${unit} (${Math.round((100 * done) / Math.max(1, total))}%), ${events} events, ${Math.round(rate(events))}/s, ETA ${formatDuration(eta)}\n`,
      );
    },
    stop: () => undefined,
  };
};
