import { quarterEndRunId, runEventId, scheduledRunId } from './run-ids.js';

describe('run ids', () => {
  it('names one run per cron slot, however late within the second a scheduler fires', () => {
    const slot = new Date('2026-04-01T02:00:00.000Z');
    expect(scheduledRunId(new Date('2026-04-01T02:00:00.740Z'))).toBe(scheduledRunId(slot));
    expect(scheduledRunId(new Date('2026-04-02T02:00:00.000Z'))).not.toBe(scheduledRunId(slot));
  });

  it('gives the same event id to the same (run, account, command, index) and no other', () => {
    expect(runEventId('r', 'a', 'ReclassifyAccount', 0)).toBe(runEventId('r', 'a', 'ReclassifyAccount', 0));
    expect(runEventId('r', 'a', 'ReclassifyAccount', 0)).not.toBe(
      runEventId('r', 'b', 'ReclassifyAccount', 0),
    );
    expect(runEventId('r', 'a', 'ReclassifyAccount', 0)).not.toBe(
      runEventId('r2', 'a', 'ReclassifyAccount', 0),
    );
  });

  it('fixes the demo’s run per quarter end', () => {
    const asOf = new Date('2025-12-31T23:59:59.999Z');
    expect(quarterEndRunId(asOf)).toBe(quarterEndRunId(new Date(asOf)));
  });
});
