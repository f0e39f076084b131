import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { accountStreamId } from '@kam/domain';
import type { RecordedEvent } from '@kam/event-store';
import { CliFailure } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';
import { renderTable } from '../output/table.js';

/** The shape `kam history --json` and `GET /accounts/{id}/history` share. */
export const toHistoryItem = (event: RecordedEvent) => ({
  revision: Number(event.revision),
  position: event.position.toString(),
  type: event.type,
  occurredAt: typeof event.data.occurredAt === 'string' ? event.data.occurredAt : null,
  recordedAt: event.recordedAt,
  data: event.data,
  metadata: {
    actor: event.metadata.actor,
    reason: event.metadata.reason ?? null,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
  },
});

type HistoryItem = ReturnType<typeof toHistoryItem>;

/** The reason a person gave, or the one the event itself carries (a stage change, a reclassification). */
const reasonOf = (item: HistoryItem): string => {
  const data = item.data as Readonly<Record<string, unknown>>;
  if (typeof data.reason === 'string') return data.reason;
  if (Array.isArray(data.reasons)) return data.reasons.join('; ');
  return item.metadata.reason ?? '';
};

const printHistory = (accountId: string, items: readonly HistoryItem[]): void => {
  const rows = items.map((item) => [
    String(item.revision),
    item.position,
    (item.occurredAt ?? '').slice(0, 10),
    item.recordedAt.slice(0, 19).replace('T', ' '),
    item.type,
    item.metadata.actor,
    reasonOf(item).slice(0, 60),
  ]);
  process.stdout.write(`History of account ${accountId} (${items.length} events)\n\n`);
  process.stdout.write(
    `${renderTable(['rev', 'position', 'occurred', 'recorded', 'type', 'actor', 'reason'], rows)}\n`,
  );
};

export const registerHistoryCommand = (program: Command): void => {
  program
    .command('history')
    .description('every event of one account, in order, with who recorded it, when and why')
    .argument('<accountId>', 'the account id')
    .option('--json', 'print the events as a JSON array on stdout')
    .action(async (accountId: string, flags: Readonly<{ json?: boolean }>, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const items = await withEngine(config, async ({ store }) => {
        const found: HistoryItem[] = [];
        for await (const event of store.readStream(accountStreamId(accountId)))
          found.push(toHistoryItem(event));
        return found;
      });
      if (items.length === 0) {
        throw new CliFailure(
          `no account with id ${accountId} in ${config.dataDir}. List accounts with: kam accounts list`,
        );
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(items)}\n`);
      else printHistory(accountId, items);
    });
};
