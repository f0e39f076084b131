import { Argument, type Command } from 'commander';
import { loadConfig } from '@kam/config';
import { CliFailure } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';
import { IMPORT_KINDS, type ImportKind } from '../import/import-kinds.js';
import { runImport, type ImportReport } from '../import/run-import.js';
import { createProgress } from '../output/progress.js';
import { renderTable } from '../output/table.js';

const ERRORS_SHOWN = 20;

const printReport = (kind: ImportKind, file: string, report: ImportReport): void => {
  process.stdout.write(
    `Imported ${kind} from ${file}: ${report.accepted} recorded, ${report.duplicates} already there, ${report.rejected} rejected\n`,
  );
  if (report.errors.length === 0) return;
  const rows = report.errors
    .slice(0, ERRORS_SHOWN)
    .map((error) => [String(error.line), error.field, error.rule, error.message.slice(0, 80)]);
  process.stdout.write(`\n${renderTable(['line', 'field', 'rule', 'message'], rows)}\n`);
  const more = report.errors.length - ERRORS_SHOWN;
  if (more > 0) process.stdout.write(`... and ${more} more; --json lists them all\n`);
};

export const registerImportCommand = (program: Command): void => {
  program
    .command('import')
    .description('stream a CSV export (header row, any column order) through the account commands')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'the CSV file')
    .option('--json', 'print { accepted, rejected, duplicates, errors } as JSON on stdout')
    .action(async (kind: ImportKind, file: string, flags: Readonly<{ json?: boolean }>, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const warn = (message: string): void => void process.stderr.write(`import: ${message}\n`);
      const report = await withEngine(config, (engine) =>
        runImport(engine, kind, file, { warn, progress: createProgress(`import ${kind}`, 'bytes') }),
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else printReport(kind, file, report);
      // The good rows are recorded; the exit code still tells a script that some were not.
      if (report.rejected > 0) {
        throw new CliFailure(
          `${report.rejected} rows rejected; fix them and import the file again (recorded rows are not recorded twice)`,
        );
      }
    });
};
