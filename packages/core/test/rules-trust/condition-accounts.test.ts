/**
 * Accounts granted through conditions, as the trust rules judge them: `Principal` `*` confined by
 * `aws:PrincipalAccount` to the stack's account is the account root of the stack (as CDK renders
 * both, the account known only after deploy), and a service principal of a resource policy
 * confined by its source conditions to an account outside `trust.accounts` is reported as the
 * same service in a trust policy is.
 */
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import { SymbolicValue } from '../../src/model/symbolic';
import type { Hole, PolicyValue } from '../../src/model/symbolic';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';
import type { PrincipalInput, ResourceInput } from '../../src/analysis/input';

const PARTITION: Hole = { id: 'AWS::Partition', source: 'the partition of the stack' };
const STACK_ACCOUNT: Hole = { id: 'AWS::AccountId', source: 'the account of the stack' };
const PARAMETER: Hole = { id: 'Stack:param:PartnerAccount', source: 'the value of parameter `PartnerAccount`' };
const TRUST_RULES = RULES.filter((r) => r.meta.id.startsWith('trust-policy/'));

function configWith(trust: { accounts?: string[]; organizationIds?: string[] }): ResolvedConfig {
  return {
    severities: new Map(TRUST_RULES.map((r): [RuleId, Severity] => [r.meta.id, 'warning'])),
    settings: { boundary: {}, trust, scps: [], tuning: {} },
    suppressions: [],
  };
}

/** A role of the stack's account whose trust policy is `statement` (an Allow of `sts:AssumeRole`). */
function roleTrusting(statement: Record<string, unknown>): PrincipalInput {
  return {
    id: 'Role',
    kind: 'role',
    name: 'role',
    path: '/',
    arn: new SymbolicValue(['arn:', PARTITION, ':iam::', STACK_ACCOUNT, ':role/role']),
    policies: [],
    trustPolicy: {
      id: 'trust',
      name: 'trust',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] },
      location: {},
    },
    tags: {},
    location: {},
  };
}

/** The rule ids a role's trust policy gets, sorted; the role's own account is the stack's. */
function trustFindings(statement: Record<string, unknown>, trust: { accounts?: string[] } = {}): string[] {
  const role = roleTrusting(statement);
  return runGuard({ principals: [role], resources: [], policies: [], errors: [] }, configWith(trust))
    .findings.map((f) => f.ruleId)
    .sort();
}

/** The root of `account` in `Principal`, and `Principal` `*` confined to it by `aws:PrincipalAccount`. */
function bothForms(account: PolicyValue, root: PolicyValue, extra: Record<string, Record<string, unknown>> = {}) {
  return {
    root: { Principal: { AWS: root }, ...(Object.keys(extra).length > 0 ? { Condition: extra } : {}) },
    anyone: {
      Principal: { AWS: '*' },
      Condition: { ...extra, StringEquals: { ...(extra['StringEquals'] ?? {}), 'aws:PrincipalAccount': account } },
    },
  };
}

describe('Principal * confined by aws:PrincipalAccount is judged as the root of that account', () => {
  const trusted = { accounts: ['444455556666'] };
  const stackRoot = new SymbolicValue(['arn:', PARTITION, ':iam::', STACK_ACCOUNT, ':root']);
  const stackAccount = new SymbolicValue([STACK_ACCOUNT]);
  const cases: [string, { root: unknown; anyone: unknown }, { accounts?: string[] }, string[]][] = [
    [
      "the stack's account (`Ref: AWS::AccountId`): the whole account, never untrusted",
      bothForms(stackAccount, stackRoot),
      trusted,
      ['trust-policy/account-root'],
    ],
    [
      "the stack's account, the role's own, with an external id: no vendor there, the whole account",
      bothForms(stackAccount, stackRoot, { StringEquals: { 'sts:ExternalId': 'c0ffee-7a1c' } }),
      trusted,
      ['trust-policy/account-root'],
    ],
    [
      'a vendor account with an external id: no finding',
      bothForms('444455556666', 'arn:aws:iam::444455556666:root', {
        StringEquals: { 'sts:ExternalId': 'c0ffee-7a1c' },
      }),
      trusted,
      [],
    ],
    [
      'an account from a parameter: the whole account, never untrusted',
      bothForms(new SymbolicValue([PARAMETER]), new SymbolicValue(['arn:aws:iam::', PARAMETER, ':root'])),
      trusted,
      ['trust-policy/account-root'],
    ],
    [
      'a policy variable as written in a lint document (`${AWS::AccountId}`): the whole account, never untrusted',
      bothForms('${AWS::AccountId}', 'arn:aws:iam::${AWS::AccountId}:root'),
      trusted,
      ['trust-policy/account-root'],
    ],
    [
      'a literal trusted account',
      bothForms('444455556666', 'arn:aws:iam::444455556666:root'),
      trusted,
      ['trust-policy/account-root'],
    ],
    [
      'a literal unknown account keeps every finding',
      bothForms('999988887777', 'arn:aws:iam::999988887777:root'),
      trusted,
      ['trust-policy/account-root', 'trust-policy/cross-account-external-id', 'trust-policy/untrusted-account'],
    ],
  ];
  it.each(cases)('%s', (_name, forms, trust, expected) => {
    expect(trustFindings(forms.root as Record<string, unknown>, trust)).toEqual(expected);
    expect(trustFindings(forms.anyone as Record<string, unknown>, trust)).toEqual(expected);
  });

  it('several roles of one unknown account in `aws:PrincipalArn` name that account', () => {
    const roles = ['arn:aws:iam::999988887777:role/a', 'arn:aws:iam::999988887777:role/b'];
    expect(
      trustFindings({ Principal: { AWS: '*' }, Condition: { ArnEquals: { 'aws:PrincipalArn': roles } } }, trusted),
    ).toEqual(['trust-policy/cross-account-external-id', 'trust-policy/untrusted-account']);
    const partner = roles.map((r) => r.replace('999988887777', '444455556666'));
    expect(
      trustFindings({ Principal: { AWS: '*' }, Condition: { ArnEquals: { 'aws:PrincipalArn': partner } } }, trusted),
    ).toEqual([]);
  });

  it('names the account as the root ARN form does', () => {
    const messages = (statement: Record<string, unknown>): string[] =>
      runGuard(
        {
          principals: [
            {
              id: 'Role',
              kind: 'role',
              name: 'role',
              path: '/',
              arn: undefined,
              policies: [],
              trustPolicy: {
                id: 't',
                name: 't',
                document: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }],
                },
                location: {},
              },
              tags: {},
              location: {},
            },
          ],
          resources: [],
          policies: [],
          errors: [],
        },
        configWith({}),
      ).findings.map((f) => f.message);
    const forms = bothForms(new SymbolicValue([STACK_ACCOUNT]), stackRoot);
    expect(messages(forms.anyone as Record<string, unknown>)).toEqual(messages(forms.root as Record<string, unknown>));
    expect(messages(forms.anyone as Record<string, unknown>)[0]).toContain('`${the account of the stack}`');
  });
});

describe('a service of a resource policy acting for the resources of an account', () => {
  const UNTRUSTED = 'trust-policy/untrusted-account';
  const rule = RULES.filter((r) => r.meta.id === UNTRUSTED);
  function findings(
    condition: unknown,
    trust: { accounts?: string[]; organizationIds?: string[] },
    arn: PolicyValue | undefined = 'arn:aws:sqs:eu-west-1:111122223333:jobs',
    account?: string,
    principal: unknown = { Service: 'sns.amazonaws.com' },
  ): string[] {
    const queue: ResourceInput = {
      id: 'JobsPolicy',
      type: 'AWS::SQS::QueuePolicy',
      arn,
      ...(account === undefined ? {} : { account }),
      policy: {
        id: 'JobsPolicy',
        name: 'JobsPolicy',
        location: {},
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: principal,
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs',
              Condition: condition,
            },
          ],
        },
      },
      location: {},
    };
    const config: ResolvedConfig = {
      severities: new Map(rule.map((r): [RuleId, Severity] => [r.meta.id, 'error'])),
      settings: { boundary: {}, trust, scps: [], tuning: {} },
      suppressions: [],
    };
    return runGuard({ principals: [], resources: [queue], policies: [], errors: [] }, config).findings.map(
      (f) => f.message,
    );
  }
  const accounts = { accounts: ['444455556666'] };
  const reported: [string, unknown, { accounts?: string[]; organizationIds?: string[] }, string][] = [
    [
      '`aws:SourceAccount` of an unknown account',
      { StringEquals: { 'aws:SourceAccount': '999988887777' } },
      accounts,
      '999988887777',
    ],
    [
      'the account of `aws:SourceArn`',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:999988887777:*' } },
      accounts,
      '999988887777',
    ],
    [
      '`aws:SourceOwner` (SNS and SES)',
      { StringEquals: { 'aws:SourceOwner': '999988887777' } },
      accounts,
      '999988887777',
    ],
    [
      'one unknown account among trusted ones',
      { StringEquals: { 'aws:SourceAccount': ['444455556666', '999988887777'] } },
      accounts,
      '999988887777',
    ],
    [
      '`aws:SourceOrgID` of another organization',
      { StringEquals: { 'aws:SourceOrgID': 'o-zz99yy88xx' } },
      { organizationIds: ['o-a1b2c3d4e5'] },
      'o-zz99yy88xx',
    ],
    [
      '`aws:SourceOrgPaths` under another organization',
      { 'ForAnyValue:StringLike': { 'aws:SourceOrgPaths': 'o-zz99yy88xx/*' } },
      { organizationIds: ['o-a1b2c3d4e5'] },
      'o-zz99yy88xx',
    ],
  ];
  it.each(reported)('%s is reported', (_name, condition, trust, named) => {
    const messages = findings(condition, trust);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`\`sns.amazonaws.com\` use it for the resources of`);
    expect(messages[0]).toContain(`\`${named}\``);
  });

  const clean: [string, unknown, { accounts?: string[]; organizationIds?: string[] }, PolicyValue | undefined][] = [
    ['a trusted account', { StringEquals: { 'aws:SourceAccount': '444455556666' } }, accounts, undefined],
    [
      'the account of the queue itself, not in the list',
      { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      accounts,
      undefined,
    ],
    [
      "the stack's account (`Ref: AWS::AccountId`)",
      { StringEquals: { 'aws:SourceAccount': new SymbolicValue([STACK_ACCOUNT]) } },
      accounts,
      undefined,
    ],
    [
      "a topic of the stack's account",
      {
        ArnEquals: {
          'aws:SourceArn': new SymbolicValue(['arn:', PARTITION, ':sns:eu-west-1:', STACK_ACCOUNT, ':events']),
        },
      },
      accounts,
      undefined,
    ],
    [
      'an account from a parameter',
      { StringEquals: { 'aws:SourceAccount': new SymbolicValue([PARAMETER]) } },
      accounts,
      undefined,
    ],
    [
      'an unknown account inside a trusted organization',
      { StringEquals: { 'aws:SourceAccount': '999988887777', 'aws:SourceOrgID': 'o-a1b2c3d4e5' } },
      { accounts: ['444455556666'], organizationIds: ['o-a1b2c3d4e5'] },
      undefined,
    ],
    ['no trusted account configured', { StringEquals: { 'aws:SourceAccount': '999988887777' } }, {}, undefined],
    [
      'another organization when the configuration lists accounts only',
      { StringEquals: { 'aws:SourceOrgID': 'o-zz99yy88xx' } },
      accounts,
      undefined,
    ],
  ];
  it.each(clean)('%s is not reported', (_name, condition, trust, arn) => {
    expect(findings(condition, trust, arn)).toEqual([]);
  });

  it("the queue's own account counts only when the queue's ARN names it", () => {
    const own = { StringEquals: { 'aws:SourceAccount': '111122223333' } };
    expect(
      findings(own, accounts, new SymbolicValue([{ id: 'Jobs.Arn', source: 'the ARN of queue Jobs' }])),
    ).toHaveLength(1);
  });

  it('a resource whose ARN names no account is owned by the account the adapter knows (the stack`s environment)', () => {
    const own = { StringEquals: { 'aws:SourceAccount': '111122223333' } };
    const bucket = 'arn:aws:s3:::access-logs';
    expect(findings(own, accounts, bucket)).toHaveLength(1);
    expect(findings(own, accounts, bucket, '111122223333')).toEqual([]);
    expect(
      findings({ StringEquals: { 'aws:SourceAccount': '999988887777' } }, accounts, bucket, '111122223333'),
    ).toHaveLength(1);
  });

  it('`Principal` `*` with a source condition admits the services acting for that account (the older notification form)', () => {
    const q = 'arn:aws:sqs:eu-west-1:111122223333:jobs';
    const untrusted = findings({ StringEquals: { 'aws:SourceAccount': '999988887777' } }, accounts, q, undefined, '*');
    expect(untrusted).toHaveLength(1);
    expect(untrusted[0]).toContain(
      'lets any service (`Principal` `*`) use it for the resources of account `999988887777`',
    );
    expect(findings({ StringEquals: { 'aws:SourceAccount': '444455556666' } }, accounts, q, undefined, '*')).toEqual(
      [],
    );
    // An AWS principal is no service: the source keys are absent from its requests, as before.
    const role = { AWS: 'arn:aws:iam::444455556666:role/app' };
    expect(findings({ StringEquals: { 'aws:SourceAccount': '999988887777' } }, accounts, q, undefined, role)).toEqual(
      [],
    );
  });
});

describe('an account an input gives is judged by the values it may take', () => {
  const trusted = { accounts: ['444455556666'] };
  const choice = (values?: string[]): Hole => ({ ...PARAMETER, ...(values === undefined ? {} : { values }) });

  /** Rule id and message of each finding of a role trusting `statement`, unknowns included. */
  function judged(
    statement: Record<string, unknown>,
    trust: { accounts?: string[]; organizationIds?: string[] } = trusted,
  ): string[] {
    const rules = [...TRUST_RULES.map((r) => r.meta.id), 'unverifiable/unknown-value'] as RuleId[];
    const role = roleTrusting(statement);
    const config: ResolvedConfig = {
      severities: new Map(rules.map((id): [RuleId, Severity] => [id, 'warning'])),
      settings: { boundary: {}, trust, scps: [], tuning: {} },
      suppressions: [],
    };
    return runGuard({ principals: [role], resources: [], policies: [], errors: [] }, config)
      .findings.filter(
        (f) => f.ruleId !== 'trust-policy/account-root' && f.ruleId !== 'trust-policy/cross-account-external-id',
      )
      .map((f) => `${f.ruleId}: ${f.message}`);
  }

  const forms = (hole: Hole): [string, Record<string, unknown>][] => [
    ['in the root ARN', { Principal: { AWS: new SymbolicValue(['arn:aws:iam::', hole, ':root']) } }],
    [
      'in `aws:PrincipalAccount` of `Principal: "*"`',
      { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': new SymbolicValue([hole]) } } },
    ],
  ];

  it.each(forms(choice(['444455556666', '999988887777'])))(
    'values of which one is untrusted %s: that one is reported, naming the input',
    (_name, statement) => {
      const found = judged(statement);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(
        /^trust-policy\/untrusted-account: .*`999988887777` when it is the value of parameter `PartnerAccount`/,
      );
    },
  );

  it.each(forms(choice(['444455556666'])))('only trusted values %s: no finding', (_name, statement) => {
    expect(judged(statement)).toEqual([]);
  });

  it('an organization from an input is judged by the organizations it may be', () => {
    const organization = (values: string[]): Hole => ({
      id: 'Stack:param:Org',
      source: 'the value of parameter `Org`',
      values,
    });
    const statement = (hole: Hole): Record<string, unknown> => ({
      Principal: { AWS: '*' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': new SymbolicValue([hole]) } },
    });
    const byOrganization = (values: string[]): string[] =>
      judged(statement(organization(values)), { organizationIds: ['o-a1b2c3d4e5'] });
    expect(byOrganization(['o-a1b2c3d4e5'])).toEqual([]);
    const found = byOrganization(['o-a1b2c3d4e5', 'o-zz99yy88xx']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^trust-policy\/untrusted-account: .*organization `o-zz99yy88xx`/);
  });

  it.each([...forms(choice()), ...forms(choice(['444455556666', '*']))])(
    'no list, or a value that is not an account, %s: unverifiable',
    (_name, statement) => {
      const found = judged(statement);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(
        /^unverifiable\/unknown-value: trust-policy\/untrusted-account could not decide: .*PartnerAccount/,
      );
    },
  );
});

describe('an organization or account known only after deploy is judged, never taken as trusted', () => {
  const OWN_ORGANIZATION: Hole = {
    id: 'aws_organizations_organization.org.id',
    source: 'aws_organizations_organization.org.id',
    ownOrganization: true,
  };
  const REMOTE: Hole = {
    id: 'data.terraform_remote_state.org.outputs.org_id',
    source: 'data.terraform_remote_state.org.outputs.org_id',
  };
  const ACCOUNT: Hole = { id: 'aws_organizations_account.dev.id', source: 'aws_organizations_account.dev.id' };
  const ONE = ['o-a1b2c3d4e5'];
  const TWO = ['o-a1b2c3d4e5', 'o-zz99yy88xx'];

  /** Rule id and message of each finding of a role trusting `Principal: "*"` under `condition`. */
  function judged(condition: Record<string, unknown>, organizationIds: string[]): string[] {
    const rules = [...TRUST_RULES.map((r) => r.meta.id), 'unverifiable/unknown-value'] as RuleId[];
    const role = roleTrusting({ Principal: { AWS: '*' }, Condition: condition });
    const config: ResolvedConfig = {
      severities: new Map(rules.map((id): [RuleId, Severity] => [id, 'warning'])),
      settings: { boundary: {}, trust: { accounts: ['444455556666'], organizationIds }, scps: [], tuning: {} },
      suppressions: [],
    };
    return runGuard({ principals: [role], resources: [], policies: [], errors: [] }, config)
      .findings.filter((f) => f.ruleId !== 'trust-policy/account-root')
      .map((f) => `${f.ruleId}: ${f.message}`);
  }
  const orgId = (...parts: (string | Hole)[]): Record<string, unknown> => ({
    StringEquals: { 'aws:PrincipalOrgID': new SymbolicValue(parts) },
  });

  it.each([
    ['an attribute of another resource (a remote state output)', orgId(REMOTE), ONE, 'remote_state.org.outputs.org_id'],
    ['the own organization when two are trusted', orgId(OWN_ORGANIZATION), TWO, 'org.id}` (the organization this'],
    [
      'a pattern around an attribute',
      { StringLike: { 'aws:PrincipalOrgID': new SymbolicValue([REMOTE, '-*']) } },
      ONE,
      'outputs.org_id}-*`',
    ],
    [
      'an organization path under the own organization written after other text',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': new SymbolicValue(['o-', OWN_ORGANIZATION, '/*']) } },
      ONE,
      'organization `o-${aws_organizations_organization.org.id}/*`',
    ],
    [
      'an account from an attribute of another resource',
      { StringEquals: { 'aws:PrincipalAccount': new SymbolicValue([ACCOUNT]) } },
      ONE,
      'account `${aws_organizations_account.dev.id}`',
    ],
  ])('%s: unverifiable, naming it', (_name, condition, organizationIds, named) => {
    const found = judged(condition, organizationIds);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('unverifiable/unknown-value: trust-policy/untrusted-account could not decide:');
    expect(found[0]).toContain(named);
  });

  it.each([
    ['the own organization when the configuration trusts just one', orgId(OWN_ORGANIZATION)],
    [
      'an organization path under the own organization',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': new SymbolicValue([OWN_ORGANIZATION, '/r-ab12/*']) } },
    ],
  ])('%s: trusted', (_name, condition) => {
    expect(judged(condition, ONE)).toEqual([]);
  });

  it('a whole organization known only after deploy is trusted whole all the same (account-root)', () => {
    const role = roleTrusting({ Principal: { AWS: '*' }, Condition: orgId(OWN_ORGANIZATION) });
    const found = runGuard({ principals: [role], resources: [], policies: [], errors: [] }, configWith({}))
      .findings.filter((f) => f.ruleId === 'trust-policy/account-root')
      .map((f) => f.evidence);
    expect(found).toEqual([{ organization: '${aws_organizations_organization.org.id}' }]);
  });
});

describe('a Deny fencing a bucket for everyone to an organization or account known only after deploy', () => {
  const ORGANIZATION: Hole = { id: 'Stack:param:OrgId', source: 'the value of parameter `OrgId`' };

  /** Rule id and message of each finding of a policy for everyone fenced by a Deny under `condition`. */
  function fenced(condition: Record<string, unknown>, organizationIds: string[] = ['o-a1b2c3d4e5']): string[] {
    const rules = ['trust-policy/untrusted-account', 'unverifiable/unknown-value'] as RuleId[];
    const config: ResolvedConfig = {
      severities: new Map(rules.map((id): [RuleId, Severity] => [id, 'warning'])),
      settings: { boundary: {}, trust: { accounts: ['444455556666'], organizationIds }, scps: [], tuning: {} },
      suppressions: [],
    };
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::shared-data', 'arn:aws:s3:::shared-data/*'],
          Condition: condition,
        },
      ],
    };
    const policy = { id: 'Policy', name: 'Policy', document, location: {} };
    return runGuard(
      { principals: [], resources: [], policies: [{ policy, type: 'resource' }], errors: [] },
      config,
    ).findings.map((f) => `${f.ruleId} ${f.location.pointer ?? ''}: ${f.message}`);
  }

  it.each([
    ['an organization', 'aws:PrincipalOrgID', ORGANIZATION, 'organization `${the value of parameter OrgId}`'],
    ['an account', 'aws:PrincipalAccount', PARAMETER, 'account `${the value of parameter PartnerAccount}`'],
  ])('%s from a parameter without values: unverifiable on the Deny, never a pass', (_name, key, hole, named) => {
    const found = fenced({ StringNotEquals: { [key]: new SymbolicValue([hole]) } });
    expect(found).toEqual([
      `unverifiable/unknown-value /Statement/1/Condition/StringNotEquals/${key}: trust-policy/untrusted-account could not decide: policy \`Policy\` grants access (\`Principal\` \`*\` fenced by the Deny at \`/Statement/1\`) to ${key === 'aws:PrincipalOrgID' ? 'the principals of ' : ''}${named}, only known after deploy: whether it is among the trusted ${key === 'aws:PrincipalOrgID' ? 'organizations' : 'accounts'} cannot be told`,
    ]);
  });

  it('an organization from a parameter listing another organization: that one is named with the Deny', () => {
    const hole: Hole = { ...ORGANIZATION, values: ['o-a1b2c3d4e5', 'o-zz99yy88xx'] };
    expect(fenced({ StringNotEquals: { 'aws:PrincipalOrgID': new SymbolicValue([hole]) } })).toEqual([
      'trust-policy/untrusted-account /Statement/0: policy `Policy` grants access (`Principal` `*` fenced by the Deny at `/Statement/1`) to the principals of organization `o-zz99yy88xx`, which is not among the trusted organizations',
    ]);
  });

  it.each([
    ['the stack account', 'aws:PrincipalAccount', STACK_ACCOUNT],
    [
      'a parameter listing only the trusted organization',
      'aws:PrincipalOrgID',
      { ...ORGANIZATION, values: ['o-a1b2c3d4e5'] },
    ],
  ])('%s: no finding', (_name, key, hole) => {
    expect(fenced({ StringNotEquals: { [key]: new SymbolicValue([hole]) } })).toEqual([]);
  });
});
