import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { deterministicUuid, ExecuteAccountCommand, withConflictRetry } from '@kam/application';
import type { Engine } from '../engine.js';
import type { ProgressReporter } from '../output/progress.js';
import { openCsvRows } from './csv-rows.js';
import { importAccountRow } from './import-accounts.row.js';
import type { ImportContext, RowImporter } from './import-context.js';
import type { ImportKind } from './import-kinds.js';
import { importOrderRow } from './import-orders.row.js';
import { importPaymentRow } from './import-payments.row.js';
import { errorsOf, type RowError } from './row-outcome.js';

/** What `kam import --json` prints; the keys are the surface's contract. */
export type ImportReport = { accepted: number; rejected: number; duplicates: number; errors: RowError[] };

const IMPORTERS: Readonly<Record<ImportKind, RowImporter>> = {
  accounts: importAccountRow,
  orders: importOrderRow,
  payments: importPaymentRow,
};

export const IMPORT_ACTOR = 'import';

const contextOf = (engine: Engine, kind: ImportKind, file: string): ImportContext => {
  const correlationId = randomUUID();
  const reason = `kam import ${kind} ${path.basename(file)}`;
  return {
    repository: engine.repository,
    store: engine.store,
    now: () => new Date().toISOString(),
    // Another writer to the same account is a conflict to re-read and retry, not a failed row.
    send: (command, key) =>
      withConflictRetry(() =>
        engine.commandBus.execute(
          new ExecuteAccountCommand(command, {
            actor: IMPORT_ACTOR,
            reason,
            correlationId,
            causationId: deterministicUuid('import', ...key),
            eventIds: (index) => deterministicUuid('import', ...key, String(index)),
          }),
        ),
      ),
  };
};

/** One row at a time through the same commands as the API; a bad row is reported and the rest go on. */
export const runImport = async (
  engine: Engine,
  kind: ImportKind,
  file: string,
  options: Readonly<{ warn: (message: string) => void; progress: ProgressReporter }>,
): Promise<ImportReport> => {
  const source = openCsvRows(kind, file, options.warn);
  const context = contextOf(engine, kind, file);
  const report: ImportReport = { accepted: 0, rejected: 0, duplicates: 0, errors: [] };
  let rows = 0;
  try {
    for await (const row of source.rows) {
      const outcome = await IMPORTERS[kind](row, context);
      if (outcome.kind === 'accepted') report.accepted += 1;
      else if (outcome.kind === 'duplicate') report.duplicates += 1;
      else {
        report.rejected += 1;
        report.errors.push(...errorsOf(row, outcome));
      }
      rows += 1;
      options.progress.update(row.offset, source.size, { events: rows });
    }
  } finally {
    options.progress.stop();
  }
  return report;
};
