/** The demo's clock: the log records each month's facts at that month's close, as a team would have. */
export class SimulatedClock {
  private current: Date;

  constructor(start: Date) {
    this.current = start;
  }

  set(now: Date): void {
    this.current = now;
  }

  readonly read = (): Date => this.current;
}
