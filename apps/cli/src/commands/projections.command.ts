import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { projectionStatus, rebuildProjections, runProjections, PROJECTION_NAMES } from '@kam/projections';
import { UsageError } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { createProgress } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { withReadSide } from '../read-models.js';

const configOf = (command: Command) => loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());

const registerStatus = (projections: Command): void => {
  projections
    .command('status')
    .description("each projection's checkpoint, the log's head and the lag in events")
    .option('--json', 'print the status as a JSON array on stdout')
    .action(async (flags: Readonly<{ json?: boolean }>, command: Command) => {
      const status = await withReadSide(configOf(command), ({ readModels, store }) =>
        projectionStatus(readModels.db, store),
      );
      const rows = status.map(({ name, checkpoint, head, lag }) => ({ name, checkpoint, head, lag }));
      if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else {
        const table = status.map((s) => [
          s.name,
          s.checkpoint,
          s.head,
          `${s.lag}${s.lagExact ? '' : ' (estimated)'}`,
        ]);
        process.stdout.write(`${renderTable(['projection', 'checkpoint', 'head', 'lag'], table)}\n`);
      }
    });
};

const registerRebuild = (projections: Command): void => {
  projections
    .command('rebuild')
    .description('replay the whole log into fresh tables, then swap them in at once')
    .argument('[name]', `one of ${PROJECTION_NAMES.join(', ')}`)
    .option('--all', 'rebuild every projection')
    .option('--json', 'print the figures as JSON on stdout')
    .action(
      async (
        name: string | undefined,
        flags: Readonly<{ all?: boolean; json?: boolean }>,
        command: Command,
      ) => {
        if ((name === undefined) === !flags.all) {
          throw new UsageError(
            `kam projections rebuild: name one projection (${PROJECTION_NAMES.join(', ')}) or pass --all`,
          );
        }
        const progress = createProgress('rebuild', 'events');
        const result = await withReadSide(configOf(command), ({ readModels, store }) =>
          rebuildProjections({
            readModels,
            store,
            projections: flags.all ? 'all' : [name as string],
            onProgress: (p) => progress.update(p.events, Math.max(p.total, p.events)),
          }),
        ).finally(() => progress.stop());
        const figures = {
          events: result.events,
          seconds: result.seconds,
          eventsPerSecond: result.eventsPerSecond,
        };
        if (flags.json)
          process.stdout.write(
            `${JSON.stringify({ ...figures, projections: result.projections, position: result.position.toString() })}\n`,
          );
        else {
          process.stdout.write(
            `Rebuilt ${result.projections.join(', ')}: ${result.events} events in ${result.seconds.toFixed(2)} s (${Math.round(result.eventsPerSecond)} events/s), now at position ${result.position}\n`,
          );
        }
      },
    );
};

const registerRun = (projections: Command): void => {
  projections
    .command('run')
    .description('run the projection runner: follow the log until stopped (Ctrl-C), or until caught up')
    .option('--until-caught-up', 'stop at the head of the log')
    .action(async (flags: Readonly<{ untilCaughtUp?: boolean }>, command: Command) => {
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      try {
        const result = await withReadSide(configOf(command), ({ readModels, store }) =>
          runProjections({
            readModels,
            store,
            until: flags.untilCaughtUp ? 'caught-up' : 'aborted',
            signal: stop.signal,
            onBatch: ({ events, position }) =>
              process.stderr.write(`projections: ${events} events, at position ${position}\n`),
          }),
        );
        process.stdout.write(
          `Projections at position ${result.position} (${result.events} events applied)\n`,
        );
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
    });
};

export const registerProjectionsCommand = (program: Command): void => {
  const projections = program.command('projections').description('read models: status, rebuild, run');
  registerStatus(projections);
  registerRebuild(projections);
  registerRun(projections);
  projections.exitOverride();
  for (const sub of projections.commands) sub.exitOverride();
};
