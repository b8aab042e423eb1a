/**
 * `cdk-guard` on a whole `Principal`, statement or `Condition` block chosen at deploy
 * (`whole-principal-choices.yaml`): by `!If` on a condition a parameter decides, by `!FindInMap`
 * keyed by a stage parameter, or given as a parameter. Each side a deploy may take is judged, in
 * written policies and in the statements `AWS::Lambda::Permission` and
 * `AWS::Lambda::LayerVersionPermission` make of their properties: a side that is `*` is public,
 * a principal given at deploy is undecided, and sides all scoped are no finding. A finding on
 * some sides only names them (the condition and its side, the parameter and the entry it picks).
 */
import { scanTemplate } from '../run-cdk-guard';

const result = scanTemplate('integ/cfn-idioms', 'whole-principal-choices.yaml');
const at = (logicalId: string): string[] =>
  result.report.findings
    .filter((f) => f.location.logicalId === logicalId)
    .map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`)
    .sort();

describe('a whole principal, statement or condition block chosen at deploy', () => {
  test('no input error; the public sides fail the run', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  const PUBLIC = ['resource-exposure/public-principal /Statement/0'];
  test.each([
    ["`Principal: !If [IsPublic, '*', {AWS: account}]` in a bucket policy", 'PrincipalIfPolicy', PUBLIC],
    ["`Principal: {AWS: !If [IsPublic, '*', account]}` in a queue policy", 'AwsIfPolicy', PUBLIC],
    ['`Principal: !FindInMap` whose dev entry is `*` and prod entry an object', 'PrincipalMapPolicy', PUBLIC],
    // It was read as a malformed `Principal` (`invalid-policy`), the `*` entry missed.
    ['`Principal: !FindInMap` of texts, one of them `*`', 'PrincipalTextMapPolicy', PUBLIC],
    ["a trust policy's `Principal: !If [IsPublic, {AWS: '*'}, {Service: ...}]`", 'ChosenTrustRole', PUBLIC],
    ["`Condition: !If [HasOrg, {...}, AWS::NoValue]` under `Principal: '*'`", 'ConditionIfPolicy', PUBLIC],
    ["`Condition: !FindInMap` whose dev entry only requires TLS, under `Principal: '*'`", 'ConditionMapPolicy', PUBLIC],
    // Located in the branch that writes the `*`.
    [
      'a whole statement under `!If`, one side for `*`',
      'StatementIfPolicy',
      ['resource-exposure/public-principal /Statement/0/Fn::If/1'],
    ],
    // It was `unverifiable` ("the principal of the permission"): the sides were never judged.
    ["`AWS::Lambda::Permission` with `Principal: !If [IsPublic, '*', account]`", 'PermissionIf', PUBLIC],
    [
      "`AWS::Lambda::LayerVersionPermission` with `Principal: !If [IsPublic, '*', account]`",
      'LayerPermissionIf',
      PUBLIC,
    ],
    // It was read as a malformed `Principal` (`invalid-policy`).
    [
      '`Principal: !Ref Grantee`, a parameter without allowed values: whether it is `*` cannot be told',
      'PrincipalParameterPolicy',
      ['unverifiable/unknown-value /Statement/0/Principal'],
    ],
    ['`*` on both sides of `!If`: one finding', 'BothSidesPublicPolicy', PUBLIC],
    [
      'a principal of three stages (a role, a service, `*`): each side judged',
      'ThreeStagesPolicy',
      [...PUBLIC, 'resource-exposure/confused-deputy /Statement/0'].sort(),
    ],
    ['every side scoped: a role per stage, the account or a role', 'ScopedChoicesPolicy', []],
    [
      'a permission whose principal and source change together (S3 with its bucket, SNS with its topic)',
      'ScopedPermissionIf',
      [],
    ],
  ])('%s', (_name, logicalId, expected) => {
    expect(at(logicalId)).toEqual(expected);
  });

  // Each finding on some sides only says which: the condition and its side, or the parameter and
  // the mapping entry it picks; one found on every side names none.
  const message = (logicalId: string, ruleId = 'resource-exposure/public-principal'): string =>
    result.report.findings.find((f) => f.location.logicalId === logicalId && f.ruleId === ruleId)?.message ?? '';
  test.each([
    ['PrincipalIfPolicy', '(when condition `IsPublic` is true)'],
    ['AwsIfPolicy', '(when condition `IsPublic` is true)'],
    ['ChosenTrustRole', '(when condition `IsPublic` is true)'],
    ['StatementIfPolicy', '(when condition `IsPublic` is true)'],
    ['ConditionIfPolicy', '(when condition `HasOrg` is false)'],
    ['PermissionIf', '(when condition `IsPublic` is true)'],
    ['LayerPermissionIf', '(when condition `IsPublic` is true)'],
    ['PrincipalMapPolicy', '(when `Stage` chooses `Mappings/StagePrincipals/dev/Reader`)'],
    // the dev side's condition is on the transport, which the message names as not restricting who
    [
      'ConditionMapPolicy',
      '(its condition on `aws:SecureTransport` does not) (when `Stage` chooses `Mappings/StageGuards/dev/Guard`)',
    ],
    ['ThreeStagesPolicy', '(when `Stage3` chooses `Mappings/StageCallers/dev/Caller`)'],
  ])('the public finding of %s names the side: %s', (logicalId, side) => {
    expect(message(logicalId).endsWith(` without a condition that restricts who ${side}`)).toBe(true);
  });

  test('a finding of another side names that side; one of every side names none', () => {
    expect(message('ThreeStagesPolicy', 'resource-exposure/confused-deputy')).toMatch(
      /\(when `Stage3` chooses `Mappings\/StageCallers\/test\/Caller`\)$/,
    );
    expect(message('BothSidesPublicPolicy')).toMatch(/ without a condition that restricts who$/);
  });

  test('no finding says the policy is invalid', () => {
    expect(result.report.findings.filter((f) => f.ruleId.startsWith('policy-validity/'))).toEqual([]);
  });
});
