import type { RecordAssessment } from '../account.commands.js';
import type { AssessmentRecorded } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { ASSESSMENT_DIMENSIONS, type AssessmentScores } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import {
  integerInRange,
  invalidFields,
  isRecord,
  optionalText,
  requiredText,
  violation,
  type Violations,
} from '../validation/field-checks.js';

const DIMENSIONS: readonly string[] = ASSESSMENT_DIMENSIONS;

/** Every dimension scored, each a whole number 0-100, and no dimension the policies do not know. */
const scoreChecks = (scores: unknown): Violations => {
  if (!isRecord(scores)) return violation('scores', 'required', 'must score every assessment dimension');
  const unknown = Object.keys(scores)
    .filter((key) => !DIMENSIONS.includes(key))
    .flatMap((key) => violation(`scores.${key}`, 'one_of', `must be one of: ${DIMENSIONS.join(', ')}`));
  return [...DIMENSIONS.flatMap((key) => integerInRange(`scores.${key}`, scores[key], 0, 100)), ...unknown];
};

const exactScores = (scores: AssessmentScores): AssessmentScores =>
  Object.fromEntries(ASSESSMENT_DIMENSIONS.map((key) => [key, scores[key]])) as Record<
    keyof AssessmentScores,
    number
  >;

export const decideRecordAssessment = (
  command: RecordAssessment,
  state: RegisteredAccount,
): Decision<AssessmentRecorded> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    scoreChecks(data.scores),
    requiredText('assessor', data.assessor),
    optionalText('note', data.note),
  );
  if (invalid) return invalid;
  const assessment = { scores: exactScores(data.scores), assessor: data.assessor, note: data.note ?? null };
  return [{ type: 'AssessmentRecorded', data: { ...factOf(command), ...assessment } }];
};
