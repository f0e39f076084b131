import { openSqliteEventStore } from '@kam/event-store';
import { rebuildProjections } from '../runner/rebuild.js';
import { runProjections } from '../runner/projection-runner.js';
import { openSqliteReadModels } from '../sqlite/open-sqlite-read-models.js';

// Test code: a real process that catches the projections up (reporting each committed batch, so a
// test can kill -9 it in the middle) or rebuilds them (while a test queries from its own process).
// Run with `node --import ./ts-register.mjs projections.child.ts <catch-up|rebuild> <kam.db> [batchSize]`.
const [mode, file, batchSize = '500'] = process.argv.slice(2);
if (file === undefined || (mode !== 'catch-up' && mode !== 'rebuild')) {
  throw new Error('usage: projections.child.ts <catch-up|rebuild> <kam.db> [batchSize]');
}
const store = await openSqliteEventStore({ file });
const readModels = await openSqliteReadModels({ file });
const report = (events: number, position: bigint) => process.stdout.write(`batch ${events} ${position}\n`);
if (mode === 'catch-up') {
  await runProjections({
    readModels,
    store,
    batchSize: Number(batchSize),
    onBatch: (p) => report(p.events, p.position),
  });
} else {
  await rebuildProjections({
    readModels,
    store,
    batchSize: Number(batchSize),
    onProgress: (p) => report(p.events, p.position),
  });
}
process.stdout.write('done\n');
await readModels.close();
await store.close();
