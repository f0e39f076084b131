import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AccountRepository,
  deterministicUuid,
  handleAccountCommand,
  type CommandContext,
} from '@kam/application';
import type { AccountCommand } from '@kam/domain';
import { openSqliteEventStore, type EventStore } from '@kam/event-store';
import { openEvaluationEnvironment, type EvaluationEnvironment } from '../open-evaluation.js';

/** A data directory of its own, with the engine's file in it. */
export const tempSqliteFile = (label: string): { dir: string; file: string; remove: () => void } => {
  const dir = mkdtempSync(path.join(tmpdir(), `${label}-`));
  return { dir, file: path.join(dir, 'kam.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export type Engine = Readonly<{
  store: EventStore;
  repository: AccountRepository;
  evaluation: EvaluationEnvironment;
  close: () => Promise<void>;
}>;

export const openTestEngine = async (file: string, clock: () => Date): Promise<Engine> => {
  const store = await openSqliteEventStore({ file, clock });
  const repository = new AccountRepository(store);
  const evaluation = await openEvaluationEnvironment({ sqliteFile: file, store, repository, clock });
  return {
    store,
    repository,
    evaluation,
    close: async () => {
      await evaluation.close();
      await store.close();
    },
  };
};

const context = (id: string, actor = 'fixture'): CommandContext => ({
  actor,
  correlationId: id,
  causationId: id,
  eventIds: (i) => deterministicUuid(id, String(i)),
});

const monthEnd = (year: number, month: number): string =>
  new Date(Date.UTC(year, month + 1, 0, 12)).toISOString();

/**
 * A portfolio recorded through the real command path: account i orders every month of the year
 * before `until`, for an amount that grows with i, so the ranking spreads the accounts across tiers.
 * Odd accounts' monthly revenue rises by a tenth each month (a growth signal); even ones' stays flat.
 */
export const seedPortfolio = async (
  engine: Pick<Engine, 'store' | 'repository'>,
  options: Readonly<{ accounts: number; until: Date; label?: string }>,
): Promise<string[]> => {
  const now = options.until.toISOString();
  const ids: string[] = [];
  for (let i = 0; i < options.accounts; i += 1) {
    const accountId = deterministicUuid('evaluation-fixture', options.label ?? '', String(i));
    ids.push(accountId);
    const start = new Date(options.until.getTime());
    start.setUTCMonth(start.getUTCMonth() - 12);
    const commands: AccountCommand[] = [
      {
        type: 'RegisterAccount',
        data: {
          accountId,
          occurredAt: start.toISOString(),
          name: `Account ${i}`,
          industry: 'manufacturing',
          region: 'east',
        },
        metadata: { now },
      },
    ];
    for (let m = 0; m <= 12; m += 1) {
      const occurredAt = monthEnd(start.getUTCFullYear(), start.getUTCMonth() + m);
      if (occurredAt > now) break;
      const growth = i % 2 === 1 ? 1 + m / 10 : 1;
      const amount = { amount: String(Math.round(1000 * (i + 1) * growth)), currency: 'CNY' };
      commands.push({
        type: 'RecordOrder',
        data: {
          accountId,
          occurredAt,
          orderId: `o-${m}`,
          amount,
          grossProfit: { amount: String(200 * (i + 1)), currency: 'CNY' },
        },
        metadata: { now },
      });
    }
    for (const [n, command] of commands.entries()) {
      await handleAccountCommand(
        engine.store,
        engine.repository,
        command,
        context(deterministicUuid(accountId, String(n))),
      );
    }
  }
  return ids;
};
