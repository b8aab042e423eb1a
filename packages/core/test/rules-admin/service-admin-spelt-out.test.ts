/**
 * admin-access/service-admin reads what a statement allows, not how it is written: every IAM (or
 * STS) action listed one by one, or by patterns narrower than `iam:*`, is `iam:*`. A list that
 * leaves out one action is not every action (found by scripts/metamorphic.mjs: `iam:*` spelt out
 * from the catalog lost the finding).
 */
import { expandActionPattern } from '../../src/catalog/actions';
import { doc, runOnPolicy } from '../rules-catalog/helpers';

const RULE = 'admin-access/service-admin' as const;
const EVERY_IAM_ACTION = expandActionPattern('iam:*');
const allow = (Action: unknown, Resource: unknown = '*'): unknown => doc({ Effect: 'Allow', Action, Resource });

function verdicts(document: unknown): string[] {
  return runOnPolicy(document, [RULE]).map((f) => `${String(f.evidence?.['service'])} ${f.location.pointer ?? ''}`);
}

describe('admin-access/service-admin on actions listed one by one', () => {
  it('knows enough IAM actions for the cases below to mean something', () => {
    expect(EVERY_IAM_ACTION.length).toBeGreaterThan(100);
    expect(EVERY_IAM_ACTION).toContain('iam:PassRole');
  });

  it.each([
    ['`iam:*` on every resource', allow('iam:*'), ['iam /Statement/0']],
    ['every IAM action listed by name on every resource', allow(EVERY_IAM_ACTION), ['iam /Statement/0']],
    [
      'every IAM action listed by name, in lower case, beside other services',
      allow(['s3:GetObject', ...EVERY_IAM_ACTION.map((a) => a.toLowerCase())]),
      ['iam /Statement/0'],
    ],
    [
      'every STS action by patterns narrower than `sts:*`',
      allow(['sts:Assume*', 'sts:Get*', 'sts:Set*', 'sts:Tag*', 'sts:DecodeAuthorizationMessage']),
      ['sts /Statement/0'],
    ],
    // Near misses: the same lists, not every action or not every resource.
    ['every IAM action but iam:PassRole', allow(EVERY_IAM_ACTION.filter((a) => a !== 'iam:PassRole')), []],
    ['every STS action but the session-tagging ones', allow(['sts:Assume*', 'sts:Get*', 'sts:Set*']), []],
    [
      'every IAM action listed by name on the roles of one path',
      allow(EVERY_IAM_ACTION, 'arn:aws:iam::111122223333:role/sandbox/*'),
      [],
    ],
    ['every IAM action listed by name, denied', doc({ Effect: 'Deny', Action: EVERY_IAM_ACTION, Resource: '*' }), []],
  ])('%s', (_name, document, expected) => {
    expect(verdicts(document)).toEqual(expected);
  });

  it('says the actions are listed one by one, with how many', () => {
    const [finding] = runOnPolicy(allow(EVERY_IAM_ACTION), [RULE]);
    expect(finding?.message).toContain(`all ${EVERY_IAM_ACTION.length}, listed one by one`);
    expect(finding?.evidence).toEqual({ service: 'iam', listed: EVERY_IAM_ACTION.length });
  });
});
