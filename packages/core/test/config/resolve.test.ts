/** Configuration validation: every error names the key path; presets and overrides resolve. */
import { resolveConfig } from '../../src/config/resolve';
import { RULES } from '../../src/rules/index';

const issuesOf = (config: unknown): string[] => {
  const result = resolveConfig(config);
  return result.ok ? [] : result.issues.map((i) => `${i.pointer}: ${i.message}`);
};

const SUPPRESSION = {
  rule: 'resource-exposure',
  target: 'aws_s3_bucket_policy.site',
  reason: 'public website bucket by design',
};

describe('configuration errors name the key path', () => {
  it.each([
    [
      'an unknown top-level key, with a suggestion',
      { extend: 'recommended' },
      '/extend: unknown key `extend` in configuration (did you mean `extends`?)',
    ],
    [
      'a misspelled section',
      { boundry: { required: true } },
      '/boundry: unknown key `boundry` in configuration (did you mean `boundary`?)',
    ],
    ['an unknown key far from any', { colour: 'red' }, '/colour: unknown key `colour` in configuration'],
    [
      'an unknown nested key, with a suggestion',
      { boundary: { require: true } },
      '/boundary/require: unknown key `require` in `boundary` (did you mean `required`?)',
    ],
    [
      'an unknown key of a suppression, with a suggestion',
      { suppressions: [{ ...SUPPRESSION, expire: '2027-01-31' }] },
      '/suppressions/0/expire: unknown key `expire` in `suppressions/0` (did you mean `expires`?)',
    ],
    [
      'an unknown rule id, with a suggestion',
      { rules: { 'wildcard-action/service-wildcards': 'warning' } },
      '/rules/wildcard-action~1service-wildcards: unknown rule id or category `wildcard-action/service-wildcards` (did you mean `wildcard-action/service-wildcard`?)',
    ],
    [
      'an unknown category',
      { rules: { 'no-such-category': 'off' } },
      '/rules/no-such-category: unknown rule id or category `no-such-category`',
    ],
    [
      'a wrong severity',
      { rules: { 'iam-user': 'fatal' } },
      '/rules/iam-user: expected one of `error`, `warning`, `info`, `off`, found `fatal`',
    ],
    ['a wrong type', { boundary: { required: 'yes' } }, '/boundary/required: expected boolean, found `yes`'],
    ['a wrong preset', { extends: 'lenient' }, '/extends: expected one of `recommended`, `strict`, found `lenient`'],
    ['a list where an object is expected', { trust: [] }, '/trust: expected object, found an array'],
    [
      'a bad account id',
      { trust: { accounts: ['1234'] } },
      '/trust/accounts/0: expected a 12-digit account id, found `1234`',
    ],
    [
      'a bad glob',
      { suppressions: [{ ...SUPPRESSION, target: 'module.{a,b' }] },
      '/suppressions/0/target: unclosed `{` in glob `module.{a,b`',
    ],
    [
      'a reason too short',
      { suppressions: [{ ...SUPPRESSION, reason: 'legacy' }] },
      '/suppressions/0/reason: a reason of at least 10 characters is required',
    ],
    [
      'a reason of blanks',
      { suppressions: [{ ...SUPPRESSION, reason: '            ' }] },
      '/suppressions/0/reason: a reason of at least 10 characters is required',
    ],
    [
      'a missing reason',
      { suppressions: [{ rule: SUPPRESSION.rule, target: SUPPRESSION.target }] },
      '/suppressions/0/reason: missing required key `reason`',
    ],
    [
      'an expiry that is not a date',
      { suppressions: [{ ...SUPPRESSION, expires: '31/03/2027' }] },
      '/suppressions/0/expires: expected a date `YYYY-MM-DD`, found `31/03/2027`',
    ],
    [
      'an expiry that is not a calendar day',
      { suppressions: [{ ...SUPPRESSION, expires: '2027-02-30' }] },
      '/suppressions/0/expires: `2027-02-30` is not a date (expected `YYYY-MM-DD`)',
    ],
    [
      'a suppression of an unknown rule',
      { suppressions: [{ ...SUPPRESSION, rule: 'public-principal' }] },
      '/suppressions/0/rule: unknown rule id or category `public-principal`',
    ],
    [
      'a boundary that is not an ARN pattern',
      { boundary: { allowed: ['app-boundary'] } },
      '/boundary/allowed/0: `app-boundary` is not an ARN pattern (expected `arn:...`)',
    ],
    [
      'an invalid SCP',
      { scps: [{ Version: '2012-10-17', Statement: [{ Action: '*', Resource: '*' }] }] },
      '/scps/0/Statement/0',
    ],
    ['a configuration that is not an object', 'recommended', ': expected object, found `recommended`'],
  ])('%s', (_name, config, expected) => {
    const escaped = expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(issuesOf(config)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${escaped}`))]));
  });
});

describe('all problems at once', () => {
  it('reports an unknown rule id beside a schema error, each once', () => {
    const config = {
      rules: { 'privilege-escalation/pass-role-wildcards': 'off' },
      suppressions: [{ ...SUPPRESSION, reason: 'short' }],
    };
    expect(issuesOf(config)).toEqual([
      '/suppressions/0/reason: a reason of at least 10 characters is required',
      '/rules/privilege-escalation~1pass-role-wildcards: unknown rule id or category `privilege-escalation/pass-role-wildcards` (did you mean `privilege-escalation/pass-role-wildcard`?)',
    ]);
  });
});

describe('resolution', () => {
  it('starts from the recommended preset', () => {
    const result = resolveConfig({});
    if (!result.ok) throw new Error('expected a valid configuration');
    const recommended = RULES.filter((r) => r.meta.recommended).map((r) => r.meta.id);
    expect([...result.value.severities.keys()].sort()).toEqual(recommended.sort());
  });

  it('an id overrides its category whatever the key order', () => {
    const result = resolveConfig({
      rules: { 'privilege-escalation/pass-role-wildcard': 'warning', 'privilege-escalation': 'off' },
    });
    if (!result.ok) throw new Error('expected a valid configuration');
    expect(result.value.severities.get('privilege-escalation/pass-role-wildcard')).toBe('warning');
  });

  it('accepts the example of the product contract', () => {
    const example = {
      extends: 'recommended',
      rules: { 'wildcard-action/service-wildcard': 'warning', 'iam-user': 'off' },
      boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] },
      trust: { accounts: ['444455556666'], organizationIds: ['o-a1b2c3d4e5'] },
      suppressions: [
        {
          rule: 'privilege-escalation',
          target: 'module.etl.aws_iam_role.*',
          reason: 'reads every bucket of the data lake by design',
          expires: '2027-03-31',
        },
      ],
    };
    expect(issuesOf(example)).toEqual([]);
  });
});
