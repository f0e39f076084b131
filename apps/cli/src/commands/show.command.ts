import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '@kam/config';
import { isIsoDateOrDateTime } from '@kam/domain';
import {
  accountAsOf,
  AccountNotFoundError,
  AccountNotYetRegisteredError,
  type AccountAsOf,
} from '@kam/audit';
import { CliFailure } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';

export type AsOfFlags = Readonly<{ asOf?: string; knownAt?: string; json?: boolean }>;

/** `--as-of` / `--known-at`: an ISO date (the close of that day) or a date-time with an offset. */
export const isoInstant = (value: string): string => {
  if (!isIsoDateOrDateTime(value)) {
    throw new InvalidArgumentError('must be an ISO date such as 2025-03-31, or a date-time with an offset.');
  }
  return value;
};

const money = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

export const printAccountAsOf = (view: AccountAsOf): void => {
  const when =
    view.knownAt === null ? `as of ${view.asOf}` : `as of ${view.asOf}, as known at ${view.knownAt}`;
  const lines: [string, string][] = [
    ['name', view.name],
    ['industry / region', `${view.industry} / ${view.region}`],
    ['stage', `${view.stage} (${view.stageBasis} since ${view.stageChangedAt.slice(0, 10)})`],
    ['tier', view.tier === null ? '(not classified yet)' : `${view.tier}, score ${view.score ?? '-'}`],
    ['revenue 12m', money(view.revenue12m)],
    ['gross margin 12m', view.grossMargin12m === null ? '-' : `${(view.grossMargin12m * 100).toFixed(1)}%`],
    ['overdue receivables', money(view.overdueReceivables)],
    ['payment mode', view.paymentMode ?? '-'],
    ['owner', view.owner ?? '-'],
    ['last order', view.lastOrderAt ?? '-'],
    ['revision', `${view.revision} (position ${view.position})`],
  ];
  process.stdout.write(`Account ${view.accountId} ${when}\n\n`);
  for (const [label, value] of lines) process.stdout.write(`  ${label.padEnd(20)} ${value}\n`);
};

/** What `kam show` and `kam accounts show --as-of/--known-at` answer; failures become exit code 1. */
export const showAccountAsOf = async (
  command: Command,
  accountId: string,
  flags: AsOfFlags,
): Promise<void> => {
  const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
  const view = await withEngine(config, ({ store }) =>
    accountAsOf(store, accountId, { asOf: flags.asOf, knownAt: flags.knownAt }),
  ).catch((error: unknown) => {
    if (error instanceof AccountNotFoundError) {
      throw new CliFailure(`${error.message} in ${config.dataDir}. List accounts with: kam accounts list`);
    }
    if (error instanceof AccountNotYetRegisteredError) throw new CliFailure(error.message);
    throw error;
  });
  if (flags.json) process.stdout.write(`${JSON.stringify(view)}\n`);
  else printAccountAsOf(view);
};

export const registerShowCommand = (program: Command): void => {
  program
    .command('show')
    .description('one account as it stood on a date (--as-of), or as the engine knew it then (--known-at)')
    .argument('<accountId>', 'the account id')
    .option('--as-of <date>', 'facts that happened by then, including those recorded later', isoInstant)
    .option('--known-at <date>', 'only facts recorded by then', isoInstant)
    .option('--json', 'print the account as JSON on stdout')
    .action((accountId: string, flags: AsOfFlags, command: Command) =>
      showAccountAsOf(command, accountId, flags),
    );
};
