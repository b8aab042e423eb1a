/**
 * The twenty-fourth survey (survey24-apps.ts, README.md): IAM that CDK users write by hand,
 * synthesized once with the Aspect: the idioms get no finding but the one a reviewer keeps; the
 * planted risks are reported on the construct that holds them; the validation plugin and the CLI
 * on the assembly report what the Aspect does; and the Aspect leaves the templates as CDK writes them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize, tempOutdir } from '../synthesize';
import type { Synthesized } from '../synthesize';
import {
  SURVEY24_BOUNDED_CONFIG,
  SURVEY24_CONFIG,
  SURVEY24_IDIOMS,
  SURVEY24_RISKS,
  survey24App,
  survey24BoundedApp,
  survey24RisksApp,
} from './survey24-apps';

// Several stacks and a stage, synthesized three times each, on a shared machine.
jest.setTimeout(300_000);

const AUDITOR = 'Survey24/ExternalIdTrust/Auditor/Resource';

describe('survey24 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey24App, SURVEY24_CONFIG);
  });

  const idioms: [string, string][] = [
    ['`inlinePolicies` from `PolicyDocument.fromJson`, a region `Deny` naming `Aws.REGION`', 'InlineFromJson'],
    ['one managed policy with `statements` shared by three roles', 'SharedManagedPolicy'],
    ['`customizeRoles` without preventing synthesis', 'CustomizedRoles'],
    ['`Role.fromRoleArn(..., { mutable: false })` granted a bucket and a queue', 'ImmutableImportedRole'],
    ['`CompositePrincipal` of Lambda and Lambda@Edge', 'CompositeTrust'],
    ['GitHub OIDC with `aud` and a `StringLike` `sub` of one repository', 'GitHubDeploy'],
    ['`Grant.addToPrincipalOrResource` to a role and to a trusted account', 'GrantPrincipalOrResource'],
    ['resources built with `Fn.sub`, `Fn.join`, `formatArn` and `Lazy.string`', 'TokenResources'],
    ['`CfnRole.addPropertyOverride` of the trust condition and the inline policies', 'CfnRoleOverrides'],
    ['`Fn.conditionIf` choosing a bucket prefix or the whole bucket', 'ConditionalResources'],
    ['a role imported with `addGrantsToResources`; a `Policy` attached to an imported role', 'GrantsToImportedRole'],
    ['`grantAssumeRole` and `grantPassRole` of one role to another', 'AssumeAndPass'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey24/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey24/${name}`).map(key)).toEqual([]);
  });

  test('the account root with an external id: every principal of the account allowed to, kept', () => {
    // The external id is no check on a principal of the same account (no confused deputy there).
    expect(findingsAt(app.findings, 'Survey24/ExternalIdTrust').map((f) => [key(f), f.message])).toEqual([
      [
        `trust-policy/account-root @ ${AUDITOR}`,
        'role `Survey24/ExternalIdTrust/Auditor` trusts every principal of account `111122223333` that is allowed to assume it',
      ],
    ]);
  });

  test('a grant across stacks: the reader names the bucket and key of the other stack, no finding', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining(['Survey24Consumer/Reader/ServiceRole', 'Survey24Consumer/Decrypter']),
    );
    expect(findingsAt(app.findings, 'Survey24Consumer')).toEqual([]);
    const template = readFileSync(path.join(app.outdir, 'Survey24Consumer.template.json'), 'utf8');
    expect(template).toContain('Fn::ImportValue');
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set([...idioms.map(([, name]) => name), 'ExternalIdTrust']);
    expect(Object.keys(SURVEY24_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the roles written by hand are checked, imported ones without a trust of their own', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey24/InlineFromJson/Reader',
        'Survey24/SharedManagedPolicy/Api',
        'Survey24/SharedManagedPolicy/Worker',
        'Survey24/SharedManagedPolicy/Reporter',
        'Survey24/CustomizedRoles/Exporter/ServiceRole',
        'Survey24/GitHubDeploy/Deploy',
        'Survey24/GitHubDeploy/Release',
        'Survey24/ExternalIdTrust/Partner',
        'Survey24/TokenResources/Worker',
        'Survey24/CfnRoleOverrides/Patched',
        // In the policy report `customizeRoles` writes, with no trust (it exists already).
        'Survey24/ImmutableImportedRole/Deployer',
      ]),
    );
  });

  test('the Aspect changes no template: the report of `customizeRoles` is made from copies', () => {
    const plain = survey24App({ outdir: tempOutdir() }).synth();
    for (const stack of ['Survey24', 'Survey24Storage', 'Survey24Consumer']) {
      const written = readFileSync(path.join(app.outdir, `${stack}.template.json`), 'utf8');
      expect(JSON.parse(written)).toEqual(plain.getStackByName(stack).template);
    }
    // The region `Deny` as CDK writes it, not the report's `(REGION)`.
    expect(readFileSync(path.join(app.outdir, 'Survey24.template.json'), 'utf8')).not.toContain('(REGION)');
  });

  test('the Aspect, the plugin and the CLI report only the account root', async () => {
    await expectParity(app, survey24App, SURVEY24_CONFIG, [`trust-policy/account-root @ ${AUDITOR}`]);
  });
});

describe('survey24 a boundary applied to a stage', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey24BoundedApp, SURVEY24_BOUNDED_CONFIG);
  });

  test('the roles of both stacks have it; the one whose boundary is cleared is reported', async () => {
    expect([...app.principals].sort()).toEqual([
      'Survey24Bounded/Service/Consumer/ServiceRole',
      'Survey24Bounded/Workers/Legacy',
      'Survey24Bounded/Workers/Writer/ServiceRole',
    ]);
    const legacy = 'boundary/missing-required @ Survey24Bounded/Workers/Legacy/Resource';
    expect(app.findings.map(key)).toEqual([legacy]);
    await expectParity(app, survey24BoundedApp, SURVEY24_BOUNDED_CONFIG, [legacy]);
  });
});

describe('survey24 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey24RisksApp, SURVEY24_CONFIG);
  });

  const at = (construct: string): string => `Survey24Risks/${construct}/Resource`;
  // The case, what a reviewer refuses, the construct the findings are on, and their rules.
  const risks: [string, string, string, string[]][] = [
    [
      'FromJsonNotAction',
      '`PolicyDocument.fromJson` allowing every action but IAM on every resource',
      at('FromJsonNotAction/Broad'),
      [
        'admin-access/not-action-allow',
        'credentials-exposure/unscoped-credential-action',
        'data-exfiltration/unscoped-read',
        'privilege-escalation/assume-any-role',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    ],
    [
      'SharedPassRole',
      'a managed policy passing any role, attached to two roles',
      at('SharedPassRole/Deployers'),
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'GitHubAnyRepo',
      'GitHub OIDC whose `sub` is `repo:*`',
      at('GitHubAnyRepo/Deploy'),
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'GitHubNoSubject',
      'GitHub OIDC with `aud` and no `sub`',
      at('GitHubNoSubject/Deploy'),
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'JoinedPassRole',
      '`iam:PassRole` on `role/*` built with `Fn.join` and tokens',
      at('JoinedPassRole/Launcher/DefaultPolicy'),
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'ConditionalWildcard',
      '`Fn.conditionIf` giving `sqs:*` outside production',
      at('ConditionalWildcard/Sender/DefaultPolicy'),
      ['wildcard-action/service-wildcard'],
    ],
    [
      'ImportedRolePassAny',
      'a `Policy` passing any role, attached to an imported role',
      at('ImportedRolePassAny/Pass'),
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'OverrideAdmin',
      '`Action: *` on `*` added with `addPropertyOverride`',
      at('OverrideAdmin/Patched'),
      ['admin-access/full-access'],
    ],
    [
      'OverrideTrustAnyone',
      'the trust principal overridden to `{"AWS": "*"}`',
      at('OverrideTrustAnyone/Opened'),
      ['resource-exposure/public-principal'],
    ],
    [
      'UntrustedAccount',
      'an account nobody configured, with an external id',
      at('UntrustedAccount/Vendor'),
      ['trust-policy/untrusted-account'],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, construct, ruleIds) => {
    expectAnnotatedRisk(app, construct, ruleIds);
  });

  test('the shared policy passing any role: one finding for each role it is attached to', () => {
    expect(
      app.findings
        .filter((f) => f.location.constructPath === at('SharedPassRole/Deployers'))
        .map((f) => f.principal)
        .sort(),
    ).toEqual(['Survey24Risks/SharedPassRole/One', 'Survey24Risks/SharedPassRole/Two']);
  });

  test('`sqs:*` named on the side of the condition that writes it', () => {
    const wildcard = app.findings.find(
      (f) => f.location.constructPath === at('ConditionalWildcard/Sender/DefaultPolicy'),
    );
    expect(wildcard?.message).toMatch(/ \(when condition `ConditionalWildcardIsProd\w+` is false\)$/);
  });

  test('the joined ARN is read as every role of the account', () => {
    expect(
      app.findings.find((f) => f.location.constructPath === at('JoinedPassRole/Launcher/DefaultPolicy'))?.message,
    ).toBe(
      'role `Survey24Risks/JoinedPassRole/Launcher` may pass any role (`iam:PassRole` on `arn:aws:iam::111122223333:role/*`), and so act with the permissions of any role',
    );
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY24_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = risks.flatMap(([, , construct, ruleIds]) => ruleIds.map((r) => `${r} @ ${construct}`));
    const found = app.findings.map(key);
    // A rule may report a construct more than once (one finding per statement, action or role).
    expect([...new Set(found)].sort()).toEqual([...expected].sort());
    await expectParity(app, survey24RisksApp, SURVEY24_CONFIG, found);
  });
});
