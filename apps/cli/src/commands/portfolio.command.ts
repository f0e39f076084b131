import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { portfolio, type PortfolioView } from '@kam/projections';
import type { GlobalOptions } from '../cli-options.js';
import { renderTable } from '../output/table.js';
import { withReadSide } from '../read-models.js';
import { isoInstant } from './show.command.js';

const printPortfolio = (view: PortfolioView): void => {
  const tiers = Object.entries(view.tiers).map(([tier, t]) => [
    tier,
    String(t.count),
    `${(t.revenueShare * 100).toFixed(1)}%`,
  ]);
  const stages = Object.entries(view.stages).map(([stage, count]) => [stage, String(count)]);
  process.stdout.write(
    [
      `Portfolio as of ${view.asOf.slice(0, 10)}: ${view.accounts} accounts, revenue 12m ${Math.round(view.revenue12m).toLocaleString('en-US')}`,
      '',
      renderTable(['tier', 'accounts', 'revenue share'], tiers),
      '',
      renderTable(['stage', 'accounts'], stages),
      '',
      `Pareto: ${JSON.stringify(view.pareto)}`.slice(0, 400),
      '',
    ].join('\n'),
  );
};

export const registerPortfolioCommand = (program: Command): void => {
  program
    .command('portfolio')
    .description('the portfolio at a glance: tiers with revenue share, stages, the Pareto curve')
    .option(
      '--as-of <date>',
      'the trailing twelve months of revenue up to this date (default: now)',
      isoInstant,
    )
    .option('--json', 'print the portfolio as JSON on stdout')
    .action(async (flags: Readonly<{ asOf?: string; json?: boolean }>, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const view = await withReadSide(
        config,
        ({ readModels }) => portfolio(readModels.db, { asOf: flags.asOf }),
        { fresh: true },
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(view)}\n`);
      else printPortfolio(view);
    });
};
