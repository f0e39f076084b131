import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { EvaluationRequestError, loadActivePolicy, loadPolicyFile } from '@kam/evaluation';
import { policyToJson, policyToYaml, PolicyValidationError } from '@kam/policies';
import { CliFailure } from '../cli-errors.js';
import type { GlobalOptions } from '../cli-options.js';

type JsonFlag = Readonly<{ json?: boolean }>;

const validate = async (file: string, flags: JsonFlag): Promise<void> => {
  try {
    const { policy, version } = await loadPolicyFile(file, file);
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ valid: true, file, policyId: policy.id, version, errors: [] })}\n`,
      );
    } else process.stdout.write(`${file}: valid policy ${policy.id}, version ${version}\n`);
  } catch (error) {
    if (error instanceof EvaluationRequestError) throw new CliFailure(error.message);
    if (!(error instanceof PolicyValidationError)) throw error;
    const errors = error.issues.map((issue) => ({
      path: issue.path || '/',
      rule: issue.rule,
      message: issue.message,
    }));
    if (flags.json) process.stdout.write(`${JSON.stringify({ valid: false, file, errors })}\n`);
    throw new CliFailure(flags.json ? `${file}: ${errors.length} error(s)` : error.message);
  }
};

const show = async (flags: JsonFlag & Readonly<{ policy?: string }>, command: Command): Promise<void> => {
  const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
  const active = await loadActivePolicy(config, flags.policy).catch((error: unknown) => {
    throw error instanceof EvaluationRequestError ? new CliFailure(error.message) : error;
  });
  process.stderr.write(`policy: ${active.source}, version ${active.version}\n`);
  process.stdout.write(flags.json ? policyToJson(active.policy) : policyToYaml(active.policy));
};

export const registerPolicyCommand = (program: Command): void => {
  const policy = program.command('policy').description('check a policy file, or print the active policy');
  policy
    .command('validate')
    .description(
      'check a policy file (YAML or JSON): exit 1 with each error’s path and rule, 0 with its version',
    )
    .argument('<file>', 'the policy file')
    .option('--json', 'print the outcome as JSON on stdout')
    .action((file: string, flags: JsonFlag) => validate(file, flags));
  policy
    .command('show')
    .description(
      'print the active policy document (KAM_POLICY_FILE or the built-in one), loadable with --policy',
    )
    .option('--policy <file>', 'show this file instead, as the engine reads it')
    .option('--json', 'print the document as JSON')
    .action(show);
  for (const sub of policy.commands) sub.exitOverride();
  policy.exitOverride();
};
