import {
  integerInRange,
  isRecord,
  oneOf,
  optionalNonNegativeInteger,
  requiredText,
  violation,
  type Violations,
} from '../validation/field-checks.js';

const TEXT_FIELDS = [
  'organisationScale',
  'industryReputation',
  'strategicDirection',
  'competitorCooperation',
] as const;
const FINANCIAL_STATUSES = ['sound', 'average', 'weak'] as const;
const FIT_DIMENSIONS = ['rAndD', 'quality', 'price', 'fastDelivery', 'afterSales'] as const;
const PROFILE_FIELDS: readonly string[] = [
  ...TEXT_FIELDS,
  'employees',
  'financialStatus',
  'channelCapability',
  'productFit',
];

const booleanField = (field: string, value: unknown): Violations =>
  typeof value === 'boolean' ? [] : violation(field, 'boolean', 'must be true or false');

const channelChecks = (value: unknown): Violations => {
  const field = 'profile.channelCapability';
  if (!isRecord(value)) return violation(field, 'object', 'must describe the channel capability');
  return [
    ...(value.regionalWarehouses === undefined
      ? violation(
          `${field}.regionalWarehouses`,
          'non_negative_integer',
          'must be a whole number, zero or more',
        )
      : optionalNonNegativeInteger(`${field}.regionalWarehouses`, value.regionalWarehouses)),
    ...booleanField(`${field}.channelWidening`, value.channelWidening),
    ...requiredText(`${field}.channelInvestment`, value.channelInvestment),
  ];
};

/** How strongly the account demands each of R&D, quality, price, delivery and after-sales, 0-100. */
const productFitChecks = (value: unknown): Violations => {
  const field = 'profile.productFit';
  if (!isRecord(value)) return violation(field, 'object', 'must describe the product fit');
  return [
    ...FIT_DIMENSIONS.flatMap((key) => integerInRange(`${field}.${key}`, value[key], 0, 100)),
    ...booleanField(`${field}.policiesMatch`, value.policiesMatch),
  ];
};

const presentFieldChecks = (profile: Readonly<Record<string, unknown>>): Violations => [
  ...TEXT_FIELDS.flatMap((key) =>
    profile[key] === undefined ? [] : requiredText(`profile.${key}`, profile[key]),
  ),
  ...optionalNonNegativeInteger('profile.employees', profile.employees),
  ...(profile.financialStatus === undefined
    ? []
    : oneOf('profile.financialStatus', profile.financialStatus, FINANCIAL_STATUSES)),
  ...(profile.channelCapability === undefined ? [] : channelChecks(profile.channelCapability)),
  ...(profile.productFit === undefined ? [] : productFitChecks(profile.productFit)),
];

/** A profile update names at least one known field, and only known fields, each well formed. */
export const profileChecks = (profile: unknown): Violations => {
  if (!isRecord(profile)) return violation('profile', 'required', 'must be an object of profile fields');
  const keys = Object.keys(profile).filter((key) => profile[key] !== undefined);
  if (keys.length === 0) return violation('profile', 'required', 'must change at least one profile field');
  const unknown = keys
    .filter((key) => !PROFILE_FIELDS.includes(key))
    .flatMap((key) => violation(`profile.${key}`, 'one_of', `must be one of: ${PROFILE_FIELDS.join(', ')}`));
  return [...presentFieldChecks(profile), ...unknown];
};
