import type { InferLifecycleStage } from '../account.commands.js';
import type { LifecycleStageInferred } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { isInferableTransition } from '../lifecycle.js';
import { LIFECYCLE_STAGES } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, oneOf, requiredText, textList } from '../validation/field-checks.js';

/**
 * An evaluation run's inference never overrides: it follows the lifecycle (plus churn from any stage,
 * see lifecycle.ts), and re-inferring the stage the account is already in records nothing, so a
 * scheduled run only writes real changes.
 */
export const decideInferLifecycleStage = (
  command: InferLifecycleStage,
  state: RegisteredAccount,
): Decision<LifecycleStageInferred> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    oneOf('to', data.to, LIFECYCLE_STAGES),
    requiredText('runId', data.runId),
    requiredText('policyId', data.policyId),
    requiredText('policyVersion', data.policyVersion),
    textList('reasons', data.reasons),
  );
  if (invalid) return invalid;
  if (data.to === state.stage) return [];
  if (!isInferableTransition(state.stage, data.to)) {
    return new DomainError(
      'illegal_stage_transition',
      `An evaluation cannot move ${state.stage} -> ${data.to}`,
    );
  }
  const { accountId, occurredAt } = factOf(command);
  const { to, runId, policyId, policyVersion, reasons } = data;
  // Spelled out rather than spread together (see decideReclassifyAccount): same keys, same order.
  const inference = {
    accountId,
    occurredAt,
    from: state.stage,
    to,
    runId,
    policyId,
    policyVersion,
    reasons: [...reasons],
  };
  return [{ type: 'LifecycleStageInferred', data: inference }];
};
