/**
 * The twenty-seventh survey (survey27-apps.ts, README.md): a CDK app whose policies and managed
 * policy ARNs depend on `CfnCondition`s over one stage parameter, synthesized once with the Aspect:
 * grants no deploy makes together open no escalation path, a path one stage opens alone is
 * reported naming the stage, and `grantPutAcl` and an organization trust are judged as reviewed.
 */
import { expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { SURVEY27_CONFIG, survey27App } from './survey27-apps';

jest.setTimeout(240_000);

describe('survey27', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey27App, SURVEY27_CONFIG);
  });
  const messagesAt = (construct: string, ruleId: string): string[] =>
    findingsAt(app.findings, `Survey27/${construct}`)
      .filter((f) => f.ruleId === ruleId)
      .map((f) => f.message);

  test('the app synthesizes without input errors', () => {
    expect(app.errors).toEqual([]);
  });

  test('functions created in prod and any role passed in dev (two policies under `IsProd` and `IsDev`): no path of both; the pass named by its stage', () => {
    expect(findingsAt(app.findings, 'Survey27/StagePolicies').map(key).sort()).toEqual([
      'privilege-escalation/pass-role-wildcard @ Survey27/StagePolicies/DevPassRole/Resource',
      'wildcard-resource/write-on-star @ Survey27/StagePolicies/ProdFunctions/Resource',
    ]);
    expect(messagesAt('StagePolicies', 'privilege-escalation/pass-role-wildcard')[0]).toMatch(
      /\(when condition `IsDev` is true\)$/,
    );
  });

  test('functions created on every deploy and any role passed in dev: the dev side escalates, and says so', () => {
    expect(messagesAt('DevEscalates', 'privilege-escalation/pass-role-to-service')).toEqual([
      'role `Survey27/DevEscalates/Builder` can run code as any role with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`) (when condition `IsDev` is true)',
    ]);
  });

  test('an administrator only in prod (`Fn.conditionIf` in `managedPolicyArns`): passed in dev it is no path, passed in prod it is one', () => {
    expect(messagesAt('ProdAdmin/Admin', 'admin-access/full-access')[0]).toMatch(
      /\(when condition `IsProd` is true\)$/,
    );
    expect(findingsAt(app.findings, 'Survey27/ProdAdmin/PassAdmin').map(key)).toEqual([]);
    expect(messagesAt('ProdAdmin/PassAdmin2', 'privilege-escalation/pass-role-to-service')).toEqual([
      'role `Survey27/ProdAdmin/ProdPasser` can run code as role `Survey27/ProdAdmin/Admin`, which holds administrator access, with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`) (when condition `IsProd` is true)',
    ]);
  });

  test('`grantPutAcl` on one bucket of the app: no finding', () => {
    expect(findingsAt(app.findings, 'Survey27/PutAcl').map(key)).toEqual([]);
  });

  test('an `OrganizationPrincipal` of the trusted organization: its trust is said, nothing fails', () => {
    const trust = findingsAt(app.findings, 'Survey27/OrganizationTrust').filter((f) =>
      f.ruleId.startsWith('trust-policy/'),
    );
    expect(trust.map((f) => [f.ruleId, f.severity])).toEqual([['trust-policy/account-root', 'warning']]);
  });

  // Every finding of the app, each read by hand (README.md): the validation plugin and the CLI on
  // the assembly say the same (the CLI reads the conditions from the templates, not the tree).
  test('the validation plugin and `cdk-guard cdk.out` report what the Aspect does', async () => {
    await expectParity(app, survey27App, SURVEY27_CONFIG, [
      'admin-access/full-access @ Survey27/ProdAdmin/Admin/Resource',
      'data-exfiltration/unscoped-read @ Survey27/OrganizationTrust/Auditor/Resource',
      'privilege-escalation/pass-role-to-service @ Survey27/DevEscalates/DevPassRole/Resource',
      'privilege-escalation/pass-role-to-service @ Survey27/ProdAdmin/PassAdmin2/Resource',
      'privilege-escalation/pass-role-wildcard @ Survey27/DevEscalates/DevPassRole/Resource',
      'privilege-escalation/pass-role-wildcard @ Survey27/StagePolicies/DevPassRole/Resource',
      'trust-policy/account-root @ Survey27/OrganizationTrust/Auditor/Resource',
      'wildcard-resource/write-on-star @ Survey27/DevEscalates/Builder/DefaultPolicy/Resource',
      'wildcard-resource/write-on-star @ Survey27/ProdAdmin/DevPasser/DefaultPolicy/Resource',
      'wildcard-resource/write-on-star @ Survey27/ProdAdmin/ProdPasser/DefaultPolicy/Resource',
      'wildcard-resource/write-on-star @ Survey27/StagePolicies/ProdFunctions/Resource',
    ]);
  });
});
