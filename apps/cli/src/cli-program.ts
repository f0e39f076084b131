import { Command, CommanderError } from 'commander';
import { describeFailure, EXIT_OK, EXIT_USAGE } from './cli-errors.js';
import { registerAccountsCommand } from './commands/accounts.command.js';
import { registerAuditCommand } from './commands/audit.command.js';
import { registerPortfolioCommand } from './commands/portfolio.command.js';
import { registerProjectionsCommand } from './commands/projections.command.js';
import { registerBenchCommand } from './commands/bench.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerEvaluateCommand } from './commands/evaluate.command.js';
import { registerExplainCommand } from './commands/explain.command.js';
import { registerExportCommand } from './commands/export.command.js';
import { registerHistoryCommand } from './commands/history.command.js';
import { registerPolicyCommand } from './commands/policy.command.js';
import { registerReplayCommand } from './commands/replay.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerWorkerCommand } from './commands/worker.command.js';
import { registerShowCommand } from './commands/show.command.js';

export const buildProgram = (): Command => {
  const program = new Command('kam')
    .description('kam-ledger: the event-sourced key-account lifecycle engine')
    .option('--data-dir <dir>', 'where the embedded store keeps its files (env KAM_DATA_DIR, default ./data)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerDemoCommand(program);
  registerHistoryCommand(program);
  registerAccountsCommand(program);
  registerPortfolioCommand(program);
  registerProjectionsCommand(program);
  registerBenchCommand(program);
  registerServeCommand(program);
  registerImportCommand(program);
  registerAuditCommand(program);
  registerExportCommand(program);
  registerEvaluateCommand(program);
  registerWorkerCommand(program);
  registerPolicyCommand(program);
  registerShowCommand(program);
  registerExplainCommand(program);
  registerReplayCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
};

/** Runs `kam` and returns the exit code: 0 done, 1 failure while running, 2 usage error. */
export const runCli = async (argv: readonly string[]): Promise<number> => {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help text) to stderr.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const { exitCode, message } = describeFailure(error);
    process.stderr.write(`kam: ${message}\n`);
    if (process.env.KAM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return exitCode;
  }
};
