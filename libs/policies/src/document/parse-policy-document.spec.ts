import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY } from '../default-policy.js';
import { parsePolicyDocument } from './parse-policy-document.js';
import { PolicyValidationError, type PolicyIssue } from './policy-validation-error.js';
import { policyToJson, policyToYaml } from './policy-serialise.js';
import { policyVersion } from './policy-version.js';

const issuesOf = (text: string, source = 'policy.yaml'): PolicyIssue[] => {
  try {
    parsePolicyDocument(text, source);
  } catch (error) {
    if (error instanceof PolicyValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('the policy was accepted');
};
const pathsAndRules = (text: string, source?: string) =>
  issuesOf(text, source).map(({ path, rule }) => ({ path, rule }));
const withComposite = (composite: object) =>
  JSON.stringify({ id: 'custom', name: 'Custom', composite: { ...DEFAULT_POLICY.composite, ...composite } });

describe('policy files', () => {
  it('ships policies/default.yaml as the built-in default, at the same version', () => {
    const text = readFileSync(new URL('../../../../policies/default.yaml', import.meta.url), 'utf8');
    const parsed = parsePolicyDocument(text, 'policies/default.yaml');
    expect(parsed).toEqual(DEFAULT_POLICY);
    expect(policyVersion(parsed)).toBe(policyVersion(DEFAULT_POLICY));
  });

  it('completes a file that leaves sections out from the default policy', () => {
    const parsed = parsePolicyDocument(
      'id: lean\nname: Lean\ncomposite:\n  weights: { sales: 1, potential: 0, demonstration: 0, winnability: 0 }\n',
      'lean.yaml',
    );
    expect(parsed.composite.weights).toEqual({ sales: 1, potential: 0, demonstration: 0, winnability: 0 });
    expect(parsed.composite.tiers).toEqual(DEFAULT_POLICY.composite.tiers);
    expect(parsed.stars).toEqual(DEFAULT_POLICY.stars);
    expect(parsed.description).toBe('');
  });

  it('reads back what policyToYaml and policyToJson print, at the same version', () => {
    const version = policyVersion(DEFAULT_POLICY);
    expect(policyVersion(parsePolicyDocument(policyToYaml(DEFAULT_POLICY), 'shown.yaml'))).toBe(version);
    expect(policyVersion(parsePolicyDocument(policyToJson(DEFAULT_POLICY), 'shown.json'))).toBe(version);
    expect(policyToYaml(DEFAULT_POLICY).split('\n')[0]).toBe(
      `# Default key-account policy (default), version ${version}`,
    );
  });
});

describe('policy version', () => {
  it("is 'sha256:' and 12 hex digits, unchanged when keys are reordered", () => {
    const reordered = JSON.stringify({
      priority: DEFAULT_POLICY.priority,
      composite: {
        restTier: 'standard',
        tiers: DEFAULT_POLICY.composite.tiers,
        weights: { winnability: 20, sales: 40, demonstration: 20, potential: 20 },
        missingAssessmentScore: 0,
      },
      name: DEFAULT_POLICY.name,
      id: 'default',
      description: DEFAULT_POLICY.description,
    });
    const version = policyVersion(parsePolicyDocument(reordered, 'reordered.json'));
    expect(version).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(version).toBe(policyVersion(DEFAULT_POLICY));
  });

  it('changes when a weight changes', () => {
    const text = policyToJson(DEFAULT_POLICY);
    expect(text).toContain('"sales": 40,');
    const changed = parsePolicyDocument(text.replace('"sales": 40,', '"sales": 41,'), 'changed.json');
    expect(policyVersion(changed)).not.toBe(policyVersion(DEFAULT_POLICY));
  });
});

describe('a bad policy file is refused, naming the path and rule of each error', () => {
  it('refuses a negative weight', () => {
    const weights = { ...DEFAULT_POLICY.composite.weights, sales: -1 };
    expect(pathsAndRules(withComposite({ weights }), 'p.json')).toEqual([
      { path: '/composite/weights/sales', rule: 'minimum' },
    ]);
  });

  it('refuses weights that do not cover exactly the dimensions', () => {
    const weights = { sales: 40, potential: 20, demonstration: 20, reach: 20 };
    expect(pathsAndRules(withComposite({ weights }), 'p.json')).toEqual([
      { path: '/composite/weights/winnability', rule: 'required_dimension' },
      { path: '/composite/weights/reach', rule: 'unknown_dimension' },
    ]);
  });

  it('refuses weights that sum to zero', () => {
    const weights = { sales: 0, potential: 0, demonstration: 0, winnability: 0 };
    expect(pathsAndRules(withComposite({ weights }), 'p.json')).toEqual([
      { path: '/composite/weights', rule: 'positive_total' },
    ]);
  });

  it('refuses a tier cut-off over 100% and cut-offs adding up to more than 100%', () => {
    const over = [{ name: 'strategic', topPercent: 120 }];
    expect(pathsAndRules(withComposite({ tiers: over }), 'p.json')).toEqual([
      { path: '/composite/tiers/0/topPercent', rule: 'maximum' },
    ]);
    const total = [
      { name: 'strategic', topPercent: 60 },
      { name: 'key', topPercent: 50 },
    ];
    const [issue] = issuesOf(withComposite({ tiers: total }), 'p.json');
    expect(issue).toEqual({
      path: '/composite/tiers',
      rule: 'cutoffs_total',
      message: 'the tier cut-offs add up to 110%, over 100%',
    });
  });

  it('refuses an unknown method, and a primary method the policy does not run', () => {
    expect(pathsAndRules('id: p\nname: P\nmethods: [composite, magic]\n')).toEqual([
      { path: '/methods/1', rule: 'enum' },
    ]);
    expect(pathsAndRules('id: p\nname: P\nprimaryMethod: stars\nmethods: [composite]\n')).toEqual([
      { path: '/primaryMethod', rule: 'primary_enabled' },
    ]);
  });

  it('refuses unknown fields and missing required ones, all in one report', () => {
    expect(
      pathsAndRules('name: P\ncomposite:\n  weight: {}\nabc: { aPercent: 80, bPercent: "15" }\n'),
    ).toEqual([
      { path: '/id', rule: 'required' },
      { path: '/composite/weight', rule: 'additionalProperties' },
      { path: '/abc/bPercent', rule: 'type' },
    ]);
  });

  it('refuses a file that is not YAML or JSON, and says so in the error message', () => {
    expect(pathsAndRules('id: [unclosed\n')).toEqual([{ path: '', rule: 'syntax' }]);
    expect(() =>
      parsePolicyDocument('id: p\nname: P\nabc: { aPercent: 90, bPercent: 20 }\n', 'mine.yaml'),
    ).toThrow(
      'policy mine.yaml is invalid:\n  /abc: A and B shares add up to 110%, over 100% (shares_total)',
    );
  });
});
