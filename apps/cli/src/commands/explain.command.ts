import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig, type KamConfig } from '@kam/config';
import { loadActivePolicy, loadPolicyFile, openEvaluationStore } from '@kam/evaluation';
import type { PolicyDocument } from '@kam/policies';
import {
  AccountNotFoundError,
  ClassificationNotFoundError,
  evaluationRunCatalogue,
  explainClassification,
  logOnlyRunCatalogue,
  type ClassificationExplanation,
  type ClassificationSelector,
  type RunCatalogue,
} from '@kam/audit';
import { CliFailure } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';
import { renderTable } from '../output/table.js';
import { isoInstant } from './show.command.js';

type ExplainFlags = Readonly<{ at?: string; n?: number; policy?: string; json?: boolean }>;

/** A policy file named on the command line; a bad one stops before anything is read. */
export const readPolicyFlag = async (file: string): Promise<{ policy: PolicyDocument; version: string }> => {
  try {
    return await loadPolicyFile(file, '--policy');
  } catch (error) {
    // A PolicyValidationError lists every path and rule; an unreadable file names the file.
    throw new CliFailure(error instanceof Error ? error.message : String(error));
  }
};

/**
 * The recorded runs: the evaluation tables beside the embedded log, else the log alone. Documents
 * known by version (the built-in default, KAM_POLICY_FILE, --policy) fill in for runs not on record.
 */
export const withRunCatalogue = async <T>(
  config: KamConfig,
  extra: readonly PolicyDocument[],
  work: (catalogue: RunCatalogue) => Promise<T>,
): Promise<T> => {
  const documents = [...extra, (await loadActivePolicy(config)).policy];
  if (config.eventStore !== 'sqlite') return work(logOnlyRunCatalogue(documents));
  const db = await openEvaluationStore(config.sqliteFile);
  try {
    return await work(evaluationRunCatalogue(db, documents));
  } finally {
    await db.destroy();
  }
};

const number = (value: number): string => (Math.round(value * 100) / 100).toString();

const printExplanation = (e: ClassificationExplanation): void => {
  const out: string[] = [
    `Account ${e.accountId}: classification ${e.n} of ${e.of}, as of ${e.asOf} (recorded ${e.recordedAt})`,
    `  tier ${e.tier} (was ${e.previousTier ?? 'unclassified'}), score ${number(e.score)}`,
    `  policy ${e.policy.id} ${e.policy.version}${e.policy.name ? ` (${e.policy.name})` : ''}, run ${e.runId}`,
    '',
    renderTable(
      ['component', 'contribution'],
      e.components.map((c) => [c.name, number(c.contribution)]),
    ),
    '',
    renderTable(
      ['input', 'value'],
      Object.entries(e.inputs).map(([name, value]) => [name, String(value)]),
    ),
    '',
    ...e.standing.map((line) => `  ${line}`),
    ...e.reasons.map((reason) => `  - ${reason}`),
  ];
  if (e.reproduced !== null) {
    out.push(
      '',
      e.reproduced.matches
        ? '  reproduced: the recorded policy on the recorded log gives the same result'
        : `  NOT reproduced: ${e.reproduced.mismatches.join('; ')}`,
    );
  }
  if (e.sincePrevious !== null) {
    const p = e.sincePrevious;
    out.push('', `Since the evaluation as of ${p.asOf}: ${p.summary}`);
    out.push(
      `  cause: ${p.cause}; own facts meanwhile: ${
        Object.entries(p.ownFacts)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ') || 'none'
      }`,
    );
    const show = (value: unknown): string => (typeof value === 'number' ? number(value) : String(value));
    for (const c of p.inputChanges) out.push(`  input ${c.name}: ${show(c.before)} -> ${show(c.after)}`);
    for (const c of p.cutoffChanges) out.push(`  ${c.tier} cut-off: ${c.before ?? '-'} -> ${c.after ?? '-'}`);
  }
  for (const note of e.notes) out.push(`  note: ${note}`);
  process.stdout.write(`${out.join('\n')}\n`);
};

const selectorOf = (flags: ExplainFlags): ClassificationSelector => {
  if (flags.n !== undefined) return { n: flags.n };
  return flags.at === undefined ? { latest: true } : { at: flags.at };
};

const positive = (value: string): number => {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a whole number from 1.');
  return Number(value);
};

export const registerExplainCommand = (program: Command): void => {
  program
    .command('explain')
    .description('why the account has its tier: policy, inputs, contributions, cut-offs, and what changed')
    .argument('<accountId>', 'the account id')
    .option('--at <date>', 'the classification in force at this date (default: the latest)', isoInstant)
    .addOption(
      new Option('--n <n>', 'the n-th recorded classification of the account (1 = the first)')
        .argParser(positive)
        .conflicts('at'),
    )
    .option('--policy <file>', 'the policy document, when the run that recorded it is not on record')
    .option('--json', 'print the explanation as JSON on stdout')
    .action(async (accountId: string, flags: ExplainFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const extra = flags.policy === undefined ? [] : [(await readPolicyFlag(flags.policy)).policy];
      const explanation = await withEngine(config, ({ store }) =>
        withRunCatalogue(config, extra, (catalogue) =>
          explainClassification(store, catalogue, accountId, selectorOf(flags)),
        ),
      ).catch((error: unknown) => {
        if (error instanceof AccountNotFoundError || error instanceof ClassificationNotFoundError) {
          throw new CliFailure(error.message);
        }
        throw error;
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(explanation)}\n`);
      else printExplanation(explanation);
    });
};
