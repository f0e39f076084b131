import { readFile } from 'node:fs/promises';
import { DEFAULT_POLICY, parsePolicyDocument, policyVersion, type PolicyDocument } from '@kam/policies';
import { EvaluationRequestError } from '../run/evaluation.errors.js';

export type LoadedPolicy = Readonly<{ policy: PolicyDocument; version: string; source: string }>;

export const BUILT_IN_POLICY_SOURCE = 'built-in default policy';

/** Reads and validates a policy file; throws PolicyValidationError listing each path and rule. */
export const loadPolicyFile = async (file: string, field = 'policy'): Promise<LoadedPolicy> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new EvaluationRequestError(
      field,
      'readable_file',
      `cannot read ${file} (${String(code ?? error)})`,
    );
  }
  const policy = parsePolicyDocument(text, file);
  return { policy, version: policyVersion(policy), source: file };
};

/**
 * The policy a run applies: the file given for this run, else KAM_POLICY_FILE, else the one the
 * engine ships with.
 */
export const loadActivePolicy = async (
  config: Readonly<{ policyFile: string | null }>,
  override?: string | null,
): Promise<LoadedPolicy> => {
  if (override) return loadPolicyFile(override, '--policy');
  if (config.policyFile) return loadPolicyFile(config.policyFile, 'KAM_POLICY_FILE');
  return { policy: DEFAULT_POLICY, version: policyVersion(DEFAULT_POLICY), source: BUILT_IN_POLICY_SOURCE };
};
