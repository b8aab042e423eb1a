/**
 * The twenty-ninth survey (survey29-apps.ts, README.md): one CDK app synthesized with the Aspect;
 * the verdicts were decided before the run and every finding read by hand. The validation plugin
 * and `cdk-guard cdk.out` report what the Aspect does.
 */
import { expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { survey29App } from './survey29-apps';

jest.setTimeout(240_000);

describe('survey29', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey29App, {});
  });
  const at = (construct: string): string[] => findingsAt(app.findings, `Survey29/${construct}`).map(key).sort();

  test('a function whose role `Fn.conditionIf` chooses runs as the administrator in prod: replacing its code escalates there, named by its construct path', () => {
    const paths = findingsAt(app.findings, 'Survey29/ChosenRole/Hotfix').filter(
      (f) => f.ruleId === 'privilege-escalation/run-as-existing-role',
    );
    expect(paths.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        'role `Survey29/ChosenRole/Hotfix` can run code as role `Survey29/ChosenRole/Admin`, which holds administrator access, through `Survey29/ChosenRole/Report` with `lambda:UpdateFunctionCode` (escalation path `lambda-003`) (when condition `IsProd` is true)',
      ],
    ]);
  });

  test('a synth role assuming the bootstrap lookup roles (by their tag, or by name in any account): no finding', () => {
    expect(at('SynthLookups')).toEqual([]);
  });

  test('a deploy role passing the bootstrap execution role with `cloudformation:CreateStack`: a path, the role known by its name only (since round 30)', () => {
    const paths = findingsAt(app.findings, 'Survey29/PassesExecRole/Deployer').filter(
      (f) => f.ruleId === 'privilege-escalation/pass-role-to-service',
    );
    expect(paths.map((f) => f.severity)).toEqual(['error']);
    expect(paths[0]?.message).toMatch(
      /^role `Survey29\/PassesExecRole\/Deployer` can deploy any resource as the CDK bootstrap execution role `arn:aws:iam::\d{12}:role\/cdk-hnb659fds-cfn-exec-role-\d{12}-[a-z0-9-]+`, with `iam:PassRole` \+ `cloudformation:CreateStack` \(escalation paths `cloudformation-001`, `cloudformation-update-pass-role`\): that role is known by its name only/,
    );
    expect(paths[0]?.message).toContain(
      'AdministratorAccess unless `cdk bootstrap --cloudformation-execution-policies`',
    );
  });

  test('`grantDecrypt(new AccountRootPrincipal())` is quiet; `grantPublish(new AnyPrincipal())` makes the topic public', () => {
    expect(at('Shared')).toEqual(['resource-exposure/public-principal @ Survey29/Shared/Alerts/Policy/Resource']);
    expect(findingsAt(app.findings, 'Survey29/Shared/Alerts')[0]?.severity).toBe('error');
  });

  test('starting, stopping and describing the executions of one state machine: only the account trust is said', () => {
    expect(at('Flows')).toEqual(['trust-policy/account-root @ Survey29/Flows/Operator/Resource']);
  });

  test('the validation plugin and `cdk-guard cdk.out` report what the Aspect does', async () => {
    await expectParity(app, survey29App, {}, [
      'admin-access/full-access @ Survey29/ChosenRole/Admin/Resource',
      'privilege-escalation/pass-role-to-service @ Survey29/PassesExecRole/Deployer/DefaultPolicy/Resource',
      'privilege-escalation/run-as-existing-role @ Survey29/ChosenRole/Hotfix/DefaultPolicy/Resource',
      'privilege-escalation/run-as-existing-role @ Survey29/PassesExecRole/Deployer/DefaultPolicy/Resource',
      'resource-exposure/public-principal @ Survey29/Shared/Alerts/Policy/Resource',
      'trust-policy/account-root @ Survey29/ChosenRole/Hotfix/Resource',
      'trust-policy/account-root @ Survey29/Flows/Operator/Resource',
    ]);
  });
});
