import { stringify as stringifyYaml } from 'yaml';
import type { PolicyDocument } from './policy-document.js';
import { policyVersion } from './policy-version.js';

/** The policy as JSON that `parsePolicyDocument(text, '*.json')` reads back to the same version. */
export const policyToJson = (policy: PolicyDocument): string => `${JSON.stringify(policy, null, 2)}\n`;

/** The policy as YAML, headed by a comment with its version; reads back to the same version. */
export const policyToYaml = (policy: PolicyDocument): string =>
  `# ${policy.name} (${policy.id}), version ${policyVersion(policy)}\n${stringifyYaml(policy)}`;
