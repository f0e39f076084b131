import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '@kam/config';
import {
  parseAlteration,
  replayDates,
  ReplayRequestError,
  runReplay,
  type Cadence,
  type ReplayReport,
} from '@kam/audit';
import { CliFailure, UsageError } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';
import { createProgress } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { readPolicyFlag, withRunCatalogue } from './explain.command.js';
import { isoInstant } from './show.command.js';

type ReplayFlags = Readonly<{
  policy: string;
  from: string;
  to: string;
  every: Cadence;
  account?: string;
  excludeEvent: string[];
  alter: string[];
  json?: boolean;
  csv?: boolean;
}>;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const alteration = (value: string, previous: string[]): string[] => {
  try {
    parseAlteration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return [...previous, value];
};

const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One row per account whose replayed tier differs, per date: what a spreadsheet wants. */
export const toCsv = (report: ReplayReport): string => {
  const header = 'date,accountId,name,recordedTier,replayedTier,recordedScore,replayedScore';
  const rows = report.perDate.flatMap((date) =>
    date.changes.map((c) =>
      [date.date, c.accountId, c.name, c.recordedTier, c.replayedTier, c.recordedScore, c.replayedScore]
        .map(csvCell)
        .join(','),
    ),
  );
  return `${[header, ...rows].join('\n')}\n`;
};

const fate = (f: ReplayReport['aftermath']['replayed']): string =>
  `${f.topTierAccounts} top-tier account-dates, ${f.churned} churned, ${f.declined} declined` +
  (f.rate === null ? '' : ` (${(f.rate * 100).toFixed(1)}%)`);

const printReport = (report: ReplayReport): void => {
  const rows = report.perDate.map((date) => {
    const moves = Object.entries(date.matrix).flatMap(([from, row]) =>
      Object.entries(row)
        .filter(([to]) => to !== from)
        .map(([to, n]) => `${from}->${to} ${n}`),
    );
    return [
      date.date.slice(0, 10),
      String(date.accounts),
      String(date.differences),
      date.recordedRun ? 'yes' : 'no',
      moves.join(', '),
    ];
  });
  const a = report.aftermath;
  const out = [
    `Replay of policy ${report.policy.id} ${report.policy.version} (${report.policy.source}), every ${report.every}: ${report.differences} differences over ${report.dates.length} dates`,
    '',
    renderTable(['date', 'accounts', 'differ', 'run then', 'tier migrations (recorded->replayed)'], rows),
    '',
    `Top tiers (${a.topTiers.join(', ')}) within ${a.horizonMonths} months, over ${a.datesJudged.length} dates judged:`,
    `  replayed policy: ${fate(a.replayed)}`,
    `  recorded:        ${fate(a.recorded)}`,
  ];
  const changes = report.perDate.flatMap((date) => date.changes.map((c) => ({ date: date.date, ...c })));
  if (changes.length > 0) {
    out.push(
      '',
      renderTable(
        ['date', 'account', 'name', 'recorded', 'replayed'],
        changes
          .slice(0, 20)
          .map((c) => [c.date.slice(0, 10), c.accountId, c.name, c.recordedTier ?? '-', c.replayedTier]),
      ),
    );
    if (changes.length > 20) out.push(`  ... and ${changes.length - 20} more (--json or --csv for all)`);
  }
  out.push(`\n${report.events} events replayed in ${report.seconds} s; nothing was written.`);
  process.stdout.write(`${out.join('\n')}\n`);
};

const replay = async (flags: ReplayFlags, command: Command): Promise<void> => {
  if (flags.json && flags.csv) throw new UsageError('--json and --csv: choose one output format.');
  if ((flags.excludeEvent.length > 0 || flags.alter.length > 0) && flags.account === undefined) {
    throw new UsageError(
      '--exclude-event and --alter need --account <id>: a counterfactual is about one account.',
    );
  }
  try {
    replayDates(flags.from, flags.to, flags.every);
  } catch (error) {
    if (error instanceof ReplayRequestError) throw new UsageError(error.message);
    throw error;
  }
  const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
  const { policy } = await readPolicyFlag(flags.policy);
  const counterfactual =
    flags.excludeEvent.length > 0 || flags.alter.length > 0
      ? { exclude: flags.excludeEvent, alter: Object.fromEntries(flags.alter.map(parseAlteration)) }
      : undefined;
  const report = await withEngine(config, ({ store }) =>
    withRunCatalogue(config, [], async (catalogue) => {
      const progress = createProgress('replay', 'positions');
      try {
        return await runReplay(store, {
          policy,
          policySource: flags.policy,
          from: flags.from,
          to: flags.to,
          every: flags.every,
          accountId: flags.account,
          counterfactual,
          knownPositions: await catalogue.knownPositions(),
          onProgress: (position, head) => progress.update(Number(position), Number(head)),
        });
      } finally {
        progress.stop();
      }
    }),
  ).catch((error: unknown) => {
    if (error instanceof ReplayRequestError) throw new CliFailure(error.message);
    throw error;
  });
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (flags.csv) process.stdout.write(toCsv(report));
  else printReport(report);
};

export const registerReplayCommand = (program: Command): void => {
  program
    .command('replay')
    .description(
      'what-if: run a policy over the past from the log and compare with what was recorded (writes nothing)',
    )
    .requiredOption('--policy <file>', 'the candidate policy file')
    .requiredOption('--from <date>', 'first date of the span', isoInstant)
    .requiredOption('--to <date>', 'last date of the span', isoInstant)
    .addOption(
      new Option('--every <cadence>', 'evaluate at every month or quarter close')
        .choices(['month', 'quarter'])
        .makeOptionMandatory(),
    )
    .option('--account <id>', 'list only this account (required for a counterfactual)')
    .option('--exclude-event <id>', 'leave this event of --account out (repeatable)', collect, [])
    .option(
      '--alter <eventId:json>',
      'change this event of --account with a JSON merge patch of its data (repeatable)',
      alteration,
      [],
    )
    .option('--json', 'print { dates, differences, perDate, aftermath, ... } as JSON on stdout')
    .option('--csv', 'print the differing accounts as CSV on stdout')
    .action(replay);
};
