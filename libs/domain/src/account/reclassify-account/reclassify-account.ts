import type { ReclassifyAccount } from '../account.commands.js';
import type { AccountReclassified } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import {
  finiteNumber,
  invalidFields,
  numberMap,
  requiredText,
  textList,
} from '../validation/field-checks.js';

/**
 * A scheduled run re-scores the whole portfolio; only a change of tier or score is recorded, so the
 * history holds real changes and a re-run of the same evaluation writes nothing.
 */
export const decideReclassifyAccount = (
  command: ReclassifyAccount,
  state: RegisteredAccount,
): Decision<AccountReclassified> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('tier', data.tier),
    finiteNumber('score', data.score),
    numberMap('components', data.components),
    textList('reasons', data.reasons),
    requiredText('policyId', data.policyId),
    requiredText('policyVersion', data.policyVersion),
    requiredText('runId', data.runId),
  );
  if (invalid) return invalid;
  if (data.tier === state.tier && data.score === state.score) return [];
  const { tier, score, policyId, policyVersion, runId } = data;
  const change = {
    tier,
    previousTier: state.tier,
    score,
    components: { ...data.components },
    reasons: [...data.reasons],
  };
  return [
    { type: 'AccountReclassified', data: { ...factOf(command), ...change, policyId, policyVersion, runId } },
  ];
};
