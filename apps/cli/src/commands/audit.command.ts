import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { verifyLog, type VerifyReport } from '@kam/audit';
import { CliFailure } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';
import { createProgress } from '../output/progress.js';

type VerifyFlags = Readonly<{ stream?: string; json?: boolean }>;

const describeBreak = (report: VerifyReport): string => {
  const b = report.firstBreak;
  if (b === null) return `hash chain intact: ${report.checked} events checked`;
  return (
    `hash chain broken at ${b.streamId} revision ${b.revision} (position ${b.position}): ${b.reason}, ${b.detail}. ` +
    `${report.checked} events checked; restore the store from a backup or an export taken before it.`
  );
};

const verify = async (flags: VerifyFlags, command: Command): Promise<void> => {
  const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
  const report = await withEngine(config, async ({ store }) => {
    const total = Number(await store.headPosition()) + 1;
    const progress = createProgress('audit verify', 'events');
    const onChecked =
      flags.stream === undefined ? (checked: number) => progress.update(checked, total) : undefined;
    try {
      return await verifyLog(store, { streamId: flags.stream, onChecked });
    } finally {
      progress.stop();
    }
  });
  if (flags.stream !== undefined && report.checked === 0) {
    throw new CliFailure(
      `no stream ${flags.stream} in the event store. Streams are named account-<accountId>.`,
    );
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (report.ok) process.stdout.write(`${describeBreak(report)}\n`);
  if (!report.ok) throw new CliFailure(describeBreak(report));
};

export const registerAuditCommand = (program: Command): void => {
  const audit = program.command('audit').description('tamper evidence: check the log against its hash chain');
  audit
    .command('verify')
    .description("walk every stream's hash chain and report the first break (exit code 1 when broken)")
    .option('--stream <id>', 'one stream only, e.g. account-<accountId>')
    .option('--json', 'print { ok, checked, firstBreak } as JSON on stdout')
    .action(verify);
};
