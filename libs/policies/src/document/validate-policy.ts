import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { DEFAULT_POLICY } from '../default-policy.js';
import { POLICY_SECTIONS, type PolicyDocument } from './policy-document.js';
import { POLICY_SCHEMA } from './policy.schema.js';
import { PolicyValidationError, type PolicyIssue } from './policy-validation-error.js';
import { semanticIssues } from './semantic-rules.js';

const validateShape = new Ajv2020({ allErrors: true, strict: true }).compile(POLICY_SCHEMA);

/**
 * Checks a parsed policy against the schema, completes it from the default policy, then checks
 * the semantic rules; throws a PolicyValidationError naming every issue's path and rule.
 */
export const validatePolicy = (candidate: unknown, source: string): PolicyDocument => {
  if (!validateShape(candidate)) {
    throw new PolicyValidationError(source, (validateShape.errors ?? []).map(toIssue));
  }
  const policy = completePolicy(candidate as Partial<PolicyDocument>);
  const issues = semanticIssues(policy);
  if (issues.length > 0) throw new PolicyValidationError(source, issues);
  return policy;
};

/** Fills what a file left out from the default policy, in the default's key order. */
const completePolicy = (partial: Partial<PolicyDocument>): PolicyDocument => {
  const sections = Object.fromEntries(
    POLICY_SECTIONS.map((name) => [name, { ...DEFAULT_POLICY[name], ...partial[name] }]),
  ) as Pick<PolicyDocument, (typeof POLICY_SECTIONS)[number]>;
  return {
    id: partial.id ?? DEFAULT_POLICY.id,
    name: partial.name ?? DEFAULT_POLICY.name,
    description: partial.description ?? '',
    primaryMethod: partial.primaryMethod ?? DEFAULT_POLICY.primaryMethod,
    methods: partial.methods ?? DEFAULT_POLICY.methods,
    ...sections,
  };
};

const toIssue = (error: ErrorObject): PolicyIssue => {
  const params = error.params as Readonly<Record<string, unknown>>;
  const child = params['missingProperty'] ?? params['additionalProperty'];
  const path = typeof child === 'string' ? `${error.instancePath}/${child}` : error.instancePath;
  const allowed = Array.isArray(params['allowedValues']) ? `: ${params['allowedValues'].join(', ')}` : '';
  const message =
    error.keyword === 'additionalProperties'
      ? 'is not a known field'
      : `${error.message ?? 'is invalid'}${allowed}`;
  return { path, rule: error.keyword, message };
};
