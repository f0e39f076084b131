import { Option, type Command } from 'commander';
import { loadConfig } from '@kam/config';
import { LIFECYCLE_STAGES } from '@kam/domain';
import { getAccount, listAccounts, type AccountListItem, type AccountView } from '@kam/projections';
import { CliFailure } from '../cli-errors.js';
import { wholeNumber, type GlobalOptions } from '../cli-options.js';
import { renderTable } from '../output/table.js';
import { withReadSide } from '../read-models.js';
import { isoInstant, showAccountAsOf, type AsOfFlags } from './show.command.js';

type ListFlags = Readonly<{
  tier?: string;
  stage?: string;
  owner?: string;
  region?: string;
  industry?: string;
  sort?: 'name' | 'revenue12m' | 'score';
  limit: number;
  json?: boolean;
}>;

const amount = (value: number): string => Math.round(value).toLocaleString('en-US');
const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

const printList = (items: readonly AccountListItem[]): void => {
  const rows = items.map((a) => [
    a.accountId,
    a.name,
    a.stage,
    a.tier ?? '-',
    a.score === null ? '-' : a.score.toFixed(1),
    amount(a.revenue12m),
    percent(a.grossMargin12m),
    a.paymentRisk ?? '-',
    a.owner ?? '-',
  ]);
  const headers = [
    'account',
    'name',
    'stage',
    'tier',
    'score',
    'revenue 12m',
    'margin',
    'payment risk',
    'owner',
  ];
  process.stdout.write(`${renderTable(headers, rows)}\n${items.length} accounts\n`);
};

const printAccount = (view: AccountView): void => {
  const lines: [string, string][] = [
    ['name', view.name],
    ['industry / region', `${view.industry} / ${view.region}`],
    ['stage', `${view.stage} (${view.stageBasis} since ${view.stageChangedAt.slice(0, 10)})`],
    ['tier', view.tier === null ? '(not classified yet)' : `${view.tier}, score ${view.score ?? '-'}`],
    ['revenue 12m', amount(view.revenue12m)],
    ['gross margin 12m', percent(view.grossMargin12m)],
    ['overdue receivables', amount(view.overdueReceivables)],
    ['average days late', view.averageDaysLate === null ? '-' : view.averageDaysLate.toFixed(1)],
    ['payment', `${view.paymentMode ?? '-'} (${view.paymentRisk ?? 'no terms'})`],
    ['owner', view.owner ?? '-'],
    ['last order', view.lastOrderAt ?? '-'],
    ['last interaction', view.lastInteractionAt ?? '-'],
    ['revision', `${view.revision} (position ${view.position})`],
  ];
  process.stdout.write(`Account ${view.accountId}\n\n`);
  for (const [label, value] of lines) process.stdout.write(`  ${label.padEnd(20)} ${value}\n`);
};

const registerList = (accounts: Command): void => {
  accounts
    .command('list')
    .description('rows of the account summary, filtered and sorted')
    .option('--tier <tier>', 'only this tier')
    .addOption(new Option('--stage <stage>', 'only this lifecycle stage').choices(LIFECYCLE_STAGES))
    .option('--owner <owner>', 'only accounts this person owns')
    .option('--region <region>', 'only this region')
    .option('--industry <industry>', 'only this industry')
    .addOption(
      new Option('--sort <key>', 'sort order').choices(['name', 'revenue12m', 'score']).default('name'),
    )
    .option('--limit <n>', 'at most this many rows', wholeNumber(1, 1000), 50)
    .option('--json', 'print the rows as a JSON array on stdout')
    .action(async (flags: ListFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const page = await withReadSide(config, ({ readModels }) => listAccounts(readModels.db, flags), {
        fresh: true,
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(page.items)}\n`);
      else printList(page.items);
    });
};

const registerShow = (accounts: Command): void => {
  accounts
    .command('show')
    .description('one account now, or as it stood on a date (--as-of) or as known then (--known-at)')
    .argument('<accountId>', 'the account id')
    .option('--as-of <date>', 'facts that happened by then, including those recorded later', isoInstant)
    .option('--known-at <date>', 'only facts recorded by then', isoInstant)
    .option('--json', 'print the account as JSON on stdout')
    .action(async (accountId: string, flags: AsOfFlags, command: Command) => {
      if (flags.asOf !== undefined || flags.knownAt !== undefined)
        return showAccountAsOf(command, accountId, flags);
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const view = await withReadSide(config, ({ readModels }) => getAccount(readModels.db, accountId), {
        fresh: true,
      });
      if (view === null)
        throw new CliFailure(
          `no account with id ${accountId} in ${config.dataDir}. List accounts with: kam accounts list`,
        );
      if (flags.json) process.stdout.write(`${JSON.stringify(view)}\n`);
      else printAccount(view);
    });
};

export const registerAccountsCommand = (program: Command): void => {
  const accounts = program.command('accounts').description('the account summary read model');
  registerList(accounts);
  registerShow(accounts);
  accounts.exitOverride();
  for (const sub of accounts.commands) sub.exitOverride();
};
