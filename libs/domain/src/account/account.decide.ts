import type { AccountCommand, RegisterAccount } from './account.commands.js';
import type { Account, RegisteredAccount } from './account.state.js';
import { decideAgreePaymentTerms } from './agree-payment-terms/agree-payment-terms.js';
import { decideAssignTeamMember } from './assign-team-member/assign-team-member.js';
import { decideChangeLifecycleStage } from './change-lifecycle-stage/change-lifecycle-stage.js';
import { decideCompleteKeyActivity } from './complete-key-activity/complete-key-activity.js';
import type { Decision } from './decision.js';
import { DomainError } from './domain-error.js';
import { decideInferLifecycleStage } from './infer-lifecycle-stage/infer-lifecycle-stage.js';
import { decideIssueInvoice } from './issue-invoice/issue-invoice.js';
import { decideLogInteraction } from './log-interaction/log-interaction.js';
import { decidePlanKeyActivity } from './plan-key-activity/plan-key-activity.js';
import { decideReceivePayment } from './receive-payment/receive-payment.js';
import { decideReclassifyAccount } from './reclassify-account/reclassify-account.js';
import { decideRecordAssessment } from './record-assessment/record-assessment.js';
import { decideRecordOrder } from './record-order/record-order.js';
import { decideRegisterAccount } from './register-account/register-account.js';
import { decideReviewKeyActivity } from './review-key-activity/review-key-activity.js';
import { decideUnassignTeamMember } from './unassign-team-member/unassign-team-member.js';
import { decideUpdateProfile } from './update-profile/update-profile.js';
import { decideWinBackAccount } from './win-back-account/win-back-account.js';

type ActiveCommand = Exclude<AccountCommand, RegisterAccount>;

const decideActive = (command: ActiveCommand, state: RegisteredAccount): Decision => {
  switch (command.type) {
    case 'UpdateProfile':
      return decideUpdateProfile(command, state);
    case 'RecordOrder':
      return decideRecordOrder(command, state);
    case 'IssueInvoice':
      return decideIssueInvoice(command, state);
    case 'ReceivePayment':
      return decideReceivePayment(command, state);
    case 'AgreePaymentTerms':
      return decideAgreePaymentTerms(command, state);
    case 'RecordAssessment':
      return decideRecordAssessment(command, state);
    case 'AssignTeamMember':
      return decideAssignTeamMember(command, state);
    case 'UnassignTeamMember':
      return decideUnassignTeamMember(command, state);
    case 'ChangeLifecycleStage':
      return decideChangeLifecycleStage(command, state);
    case 'InferLifecycleStage':
      return decideInferLifecycleStage(command, state);
    case 'WinBackAccount':
      return decideWinBackAccount(command, state);
    case 'LogInteraction':
      return decideLogInteraction(command, state);
    case 'PlanKeyActivity':
      return decidePlanKeyActivity(command, state);
    case 'CompleteKeyActivity':
      return decideCompleteKeyActivity(command, state);
    case 'ReviewKeyActivity':
      return decideReviewKeyActivity(command, state);
    case 'ReclassifyAccount':
      return decideReclassifyAccount(command, state);
    default: {
      // Unreachable for typed callers; untyped input must fail loudly, never be mistaken for events.
      const _never: never = command;
      throw new TypeError(`Unknown account command: ${JSON.stringify((_never as { type?: unknown }).type)}`);
    }
  }
};

/**
 * The account decider: pure, given the state folded from the account's stream. It returns the broken
 * rule instead of throwing, so callers map it to a 4xx or an exit code without catching anything.
 */
export const decide = (command: AccountCommand, state: Account): Decision => {
  if (command.type === 'RegisterAccount') return decideRegisterAccount(command, state);
  if (state.status !== 'Active') {
    return new DomainError('account_not_registered', `Account ${command.data.accountId} is not registered`);
  }
  return decideActive(command, state);
};
