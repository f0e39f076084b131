import { batchJobId, planJobId, readEvaluationJob, UnknownEvaluationJobError } from './evaluation-jobs.js';

describe('the evaluation job catalogue', () => {
  it('reads each job of the catalogue from its name and data', () => {
    expect(readEvaluationJob('evaluation.batch', { runId: 'r', batchNo: 3 })).toEqual({
      name: 'evaluation.batch',
      data: { runId: 'r', batchNo: 3 },
    });
    expect(readEvaluationJob('evaluation.plan', { runId: 'r' }).name).toBe('evaluation.plan');
    expect(readEvaluationJob('evaluation.scheduled', { cron: '0 2 * * *' }).data).toEqual({
      cron: '0 2 * * *',
    });
  });

  it('refuses an unknown job or data of the wrong shape', () => {
    expect(() => readEvaluationJob('evaluation.delete', {})).toThrow(UnknownEvaluationJobError);
    expect(() => readEvaluationJob('evaluation.batch', { runId: 'r', batchNo: -1 })).toThrow(/batchNo/);
    expect(() => readEvaluationJob('evaluation.plan', { runId: '' })).toThrow(/runId/);
    expect(() => readEvaluationJob('evaluation.plan', null)).toThrow(UnknownEvaluationJobError);
  });

  it('gives deterministic job ids, without the colon BullMQ reserves', () => {
    expect(batchJobId('r', 2)).toBe(batchJobId('r', 2));
    expect(batchJobId('r', 2)).not.toBe(batchJobId('r', 3));
    expect(`${planJobId('r')}${batchJobId('r', 0)}`).not.toContain(':');
  });
});
