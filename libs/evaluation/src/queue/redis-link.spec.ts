import {
  explainWorkerError,
  isConnectionError,
  nextRedisLink,
  redactUrl,
  type RedisLinkState,
} from './redis-link.js';

const WHERE = 'redis://127.0.0.1:6379';

describe('what a worker says about its link to Redis', () => {
  it('reports an outage once when it starts and once when it ends, with how long it lasted', () => {
    const up: RedisLinkState = { up: true };
    const lost = nextRedisLink(up, { kind: 'lost', at: 1_000, reason: 'connect ECONNREFUSED' }, WHERE);
    expect(lost.line).toBe(
      'Redis unreachable at redis://127.0.0.1:6379 (connect ECONNREFUSED), retrying; a job in hand carries on, its outcome is kept in SQLite',
    );
    expect(lost.cameBack).toBe(false);
    const again = nextRedisLink(
      lost.state,
      { kind: 'lost', at: 1_400, reason: 'connect ECONNREFUSED' },
      WHERE,
    );
    expect(again.line).toBeNull();
    expect(again.state).toEqual(lost.state);
    const back = nextRedisLink(again.state, { kind: 'back', at: 11_250 }, WHERE);
    expect(back.line).toBe(
      'Redis back at redis://127.0.0.1:6379 after 10.3 s; putting back the jobs of unfinished runs it lost',
    );
    expect(back.cameBack).toBe(true);
    expect(back.state).toEqual({ up: true });
  });

  it('says nothing when a connection that was up reports ready again', () => {
    expect(nextRedisLink({ up: true }, { kind: 'back', at: 5 }, WHERE)).toEqual({
      state: { up: true },
      line: null,
      cameBack: false,
    });
  });

  it('tells connection errors, which repeat on every attempt, from errors worth a line each', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    expect(isConnectionError(refused)).toBe(true);
    expect(isConnectionError(new Error('write EPIPE'))).toBe(true);
    expect(isConnectionError(new Error('Connection is closed.'))).toBe(true);
    expect(isConnectionError(new Error('Missing key for job run-1-batch-0. moveToFinished'))).toBe(false);
  });

  it('keeps a password out of the log', () => {
    expect(redactUrl('redis://user:secret@redis.internal:6379/0')).toBe('redis://***@redis.internal:6379/0');
    expect(redactUrl(WHERE)).toBe(WHERE);
  });
});

describe('what a worker says when Redis refuses a job result', () => {
  it('says a job lost with an emptied Redis is put back from SQLite', () => {
    expect(explainWorkerError('Missing key for job run-r-batch-0. moveToFinished')).toBe(
      'job run-r-batch-0: Redis no longer holds it (lost in an outage?) so moveToFinished did not happen; its outcome is in SQLite, and the recovery pass queues it again if anything is left',
    );
  });

  it('says a job whose lock lapsed was handed on', () => {
    expect(explainWorkerError('Lock mismatch for job run-r-batch-1. Cmd moveToFinished from active')).toMatch(
      /^job run-r-batch-1: its lock lapsed and it was handed on, so moveToFinished did not happen here/,
    );
    expect(explainWorkerError('Missing lock for job run-r-batch-2. moveToDelayed')).toMatch(
      /^job run-r-batch-2: its lock lapsed/,
    );
  });

  it('passes any other error on as it is', () => {
    expect(explainWorkerError('ERR unknown command')).toBe('worker: ERR unknown command');
  });
});
