import type { QueueOverview } from './queue-overview.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const rows = (cells: readonly (readonly string[])[]): string =>
  cells.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('');

/** A page a person can read in a browser; the same figures are at /queues/json for scripts. */
export const renderQueueView = (overview: QueueOverview): string => {
  const counts = Object.entries(overview.counts).map(([state, n]) => [state, String(n)]);
  const schedulers = overview.schedulers.map((s) => [s.id, s.pattern ?? '', s.next ?? '']);
  const failed = overview.failed.map((job) => [
    job.id ?? '',
    job.name,
    JSON.stringify(job.data),
    String(job.attemptsMade),
    job.finishedOn ?? '',
    job.failedReason,
  ]);
  const body = overview.redis
    ? `<p>${overview.workers} worker connection(s)</p>
<h2>Jobs</h2><table><tr><th>state</th><th>jobs</th></tr>${rows(counts)}</table>
<h2>Schedules</h2><table><tr><th>id</th><th>cron</th><th>next</th></tr>${rows(schedulers)}</table>
<h2>Failed jobs (kept for inspection)</h2>
<table><tr><th>id</th><th>name</th><th>data</th><th>attempts</th><th>failed at</th><th>reason</th></tr>${rows(failed)}</table>`
    : '<p>No REDIS_URL is configured: evaluation runs and their schedule run inside <code>kam serve</code>.</p>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>kam queues</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}</style>
</head><body><h1>Queue ${escape(overview.queue)}</h1>${body}</body></html>`;
};
