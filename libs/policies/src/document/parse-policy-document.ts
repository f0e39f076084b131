import { parse as parseYaml } from 'yaml';
import type { PolicyDocument } from './policy-document.js';
import { PolicyValidationError } from './policy-validation-error.js';
import { validatePolicy } from './validate-policy.js';

/**
 * Reads a policy file's text (the caller reads the file: this library does no I/O). A source
 * named *.json is parsed as JSON, anything else as YAML. Throws PolicyValidationError.
 */
export const parsePolicyDocument = (text: string, source: string): PolicyDocument =>
  validatePolicy(parseText(text, source), source);

const parseText = (text: string, source: string): unknown => {
  try {
    return source.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyValidationError(source, [{ path: '', rule: 'syntax', message }]);
  }
};
