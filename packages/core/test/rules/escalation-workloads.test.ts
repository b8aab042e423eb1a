/**
 * Escalation through one workload of the scan that runs with a role (a Lambda function, an EC2
 * instance, a stack, a state machine, ...): a grant that changes or enters that one workload is
 * reported under run-as-existing-role when the role holds administrator access or a path to it.
 * The same grant on a workload whose role is least privilege, on another workload, or closed by a
 * Deny, a boundary or a condition, is not.
 */
import { runGuard } from '../../src/analysis/engine';
import type { AttachedPolicy, PrincipalInput, WorkloadInput } from '../../src/analysis/input';
import type { Severity } from '../../src/analysis/finding';
import { SymbolicValue } from '../../src/model/symbolic';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const config = ESCALATION_CONFIG;

const hole = (id: string): { id: string; source: string } => ({ id, source: id });
const REGION = hole('region');
const ACCOUNT = hole('account');
/** An ARN of the input's own account and Region, both known after apply only. */
const arnIn = (service: string, resource: string | { id: string; source: string }[]): SymbolicValue =>
  new SymbolicValue([
    `arn:aws:${service}:`,
    REGION,
    ':',
    ACCOUNT,
    ':',
    ...(typeof resource === 'string' ? [resource] : resource),
  ]);
const arnOf = (address: string): SymbolicValue => new SymbolicValue([hole(`${address}.arn`)]);

function inline(address: string, statements: unknown[]): AttachedPolicy {
  return {
    kind: 'inline',
    policy: { id: address, name: address, location: { address }, document: { Version: V, Statement: statements } },
  };
}

function principal(
  kind: 'role' | 'user',
  name: string,
  policies: AttachedPolicy[],
  extra: { trust?: unknown[]; boundary?: unknown[] } = {},
): PrincipalInput {
  const id = `aws_iam_${kind}.${name}`;
  return {
    id,
    kind,
    name,
    path: '/',
    arn: arnOf(id),
    policies,
    tags: {},
    location: { address: id },
    ...(extra.trust
      ? { trustPolicy: { id: `${id}.trust`, name, location: {}, document: { Version: V, Statement: extra.trust } } }
      : {}),
    ...(extra.boundary
      ? {
          permissionsBoundary: {
            arn: 'arn:aws:iam::111122223333:policy/bound',
            policy: { id: 'bound', name: 'bound', location: {}, document: { Version: V, Statement: extra.boundary } },
          },
        }
      : {}),
  };
}

const serviceTrust = (service: string): unknown[] => [
  { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' },
];
const accountTrust: unknown[] = [
  { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
];
const adminRole = (name: string, trust: unknown[] = serviceTrust('lambda.amazonaws.com')): PrincipalInput =>
  principal('role', name, [{ kind: 'aws-managed', arn: ADMIN_POLICY }], { trust });
const plainRole = (name: string): PrincipalInput =>
  principal(
    'role',
    name,
    [inline(`aws_iam_role_policy.${name}`, [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }])],
    { trust: serviceTrust('lambda.amazonaws.com') },
  );
const allow = (action: string | string[], resource: unknown, condition?: unknown): unknown => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const deny = (action: string | string[], resource: unknown): unknown => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
});

const fnArn = (name: string): SymbolicValue => arnIn('lambda', `function:${name}`);
function workload(
  type: string,
  address: string,
  arn: WorkloadInput['arn'],
  role: string | SymbolicValue | undefined,
): WorkloadInput {
  return {
    id: address,
    type,
    arn,
    role: typeof role === 'string' ? { principal: role } : { arn: role ?? 'arn:aws:iam::111122223333:role/none' },
    location: { address },
  };
}
const fn = (name: string, role: string | SymbolicValue): WorkloadInput =>
  workload('aws_lambda_function', `aws_lambda_function.${name}`, fnArn(name), role);
/** `[rule id, pointer, path, workload, role, targetHolds]` of each finding on user `dev`. */
function findings(principals: PrincipalInput[], workloads: WorkloadInput[]): unknown[][] {
  const result = runGuard({ principals, resources: [], policies: [], errors: [], workloads }, config);
  return result.findings
    .filter((f) => f.principal === 'aws_iam_user.dev')
    .map((f) => [
      f.ruleId,
      f.location.pointer ?? '',
      f.evidence?.['path'],
      f.evidence?.['workload'],
      f.evidence?.['target'],
      f.evidence?.['targetHolds'],
    ]);
}

const dev = (statements: unknown[], boundary?: unknown[]): PrincipalInput =>
  principal('user', 'dev', [inline('aws_iam_user_policy.dev', statements)], boundary ? { boundary } : {});

const RUN = 'privilege-escalation/run-as-existing-role';

describe('a grant on one workload of the scan whose role holds administrator access', () => {
  it('lambda:UpdateFunctionCode on a function that runs as an administrator role (no invoke needed)', () => {
    const user = dev([allow('lambda:UpdateFunctionCode', fnArn('api'))]);
    expect(findings([user, adminRole('fnrole')], [fn('api', 'aws_iam_role.fnrole')])).toEqual([
      [RUN, '/Statement/0', 'lambda-003', 'aws_lambda_function.api', 'aws_iam_role.fnrole', 'admin'],
    ]);
  });

  it('the message names the workload and the role it runs as', () => {
    const user = dev([allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], fnArn('api'))]);
    const result = runGuard(
      {
        principals: [user, adminRole('fnrole')],
        resources: [],
        policies: [],
        errors: [],
        workloads: [fn('api', 'aws_iam_role.fnrole')],
      },
      config,
    );
    expect(result.findings.filter((f) => f.ruleId === RUN).map((f) => f.message)).toEqual([
      'user `aws_iam_user.dev` can run code as role `fnrole`, which holds administrator access, through `aws_lambda_function.api` with `lambda:UpdateFunctionCode` (escalation path `lambda-003`)',
    ]);
  });

  it('the function runs as a least-privilege role: no finding', () => {
    const user = dev([allow('lambda:UpdateFunctionCode', fnArn('api'))]);
    expect(findings([user, plainRole('fnrole')], [fn('api', 'aws_iam_role.fnrole')])).toEqual([]);
  });

  it('the grant names another function than the administrator one: no finding', () => {
    const user = dev([allow('lambda:UpdateFunctionCode', fnArn('worker'))]);
    expect(
      findings(
        [user, adminRole('fnrole'), plainRole('plain')],
        [fn('api', 'aws_iam_role.fnrole'), fn('worker', 'aws_iam_role.plain')],
      ),
    ).toEqual([]);
  });

  it('a written ARN of the function, with its Region and account, names it (both known after apply in the input)', () => {
    const user = dev([
      allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:eu-west-1:111122223333:function:api'),
      allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:eu-west-1:111122223333:function:apix'),
    ]);
    expect(findings([user, adminRole('fnrole')], [fn('api', 'aws_iam_role.fnrole')])).toEqual([
      [RUN, '/Statement/0', 'lambda-003', 'aws_lambda_function.api', 'aws_iam_role.fnrole', 'admin'],
    ]);
  });

  it('a grant whose Region and account are known after apply names a function whose ARN is written out', () => {
    const written = new SymbolicValue([
      'arn:aws:lambda:',
      hole('data.aws_region.current.name'),
      ':',
      hole('data.aws_caller_identity.current.account_id'),
      ':function:api',
    ]);
    const concrete = workload(
      'aws_lambda_function',
      'aws_lambda_function.api',
      'arn:aws:lambda:eu-west-1:111122223333:function:api',
      'aws_iam_role.fnrole',
    );
    expect(findings([dev([allow('lambda:UpdateFunctionCode', written)]), adminRole('fnrole')], [concrete])).toEqual([
      [RUN, '/Statement/0', 'lambda-003', 'aws_lambda_function.api', 'aws_iam_role.fnrole', 'admin'],
    ]);
    const other = new SymbolicValue([...written.parts.slice(0, -1), ':function:apix']);
    expect(findings([dev([allow('lambda:UpdateFunctionCode', other)]), adminRole('fnrole')], [concrete])).toEqual([]);
  });

  it('a workload naming its role by ARN (a role of the scan, by its name)', () => {
    const user = dev([allow('lambda:UpdateFunctionCode', fnArn('api'))]);
    expect(
      findings([user, adminRole('fnrole')], [fn('api', new SymbolicValue(['arn:aws:iam::', ACCOUNT, ':role/fnrole']))]),
    ).toEqual([[RUN, '/Statement/0', 'lambda-003', 'aws_lambda_function.api', 'aws_iam_role.fnrole', 'admin']]);
  });

  it('an unconditional Deny of the action on the function, or on every resource, closes the path', () => {
    const grant = allow('lambda:UpdateFunctionCode', fnArn('api'));
    const principals = (statements: unknown[]): PrincipalInput[] => [dev(statements), adminRole('fnrole')];
    const workloads = [fn('api', 'aws_iam_role.fnrole')];
    expect(findings(principals([grant, deny('lambda:UpdateFunctionCode', fnArn('api'))]), workloads)).toEqual([]);
    expect(findings(principals([grant, deny('lambda:Update*', '*')]), workloads)).toEqual([]);
    // A Deny on another function leaves it open.
    expect(findings(principals([grant, deny('lambda:UpdateFunctionCode', fnArn('other'))]), workloads)).toHaveLength(1);
  });

  it('a boundary without the action closes the path; one that allows it keeps it', () => {
    const grant = allow('lambda:UpdateFunctionCode', fnArn('api'));
    const workloads = [fn('api', 'aws_iam_role.fnrole')];
    expect(findings([dev([grant], [allow('s3:*', '*')]), adminRole('fnrole')], workloads)).toEqual([]);
    expect(findings([dev([grant], [allow('lambda:*', '*')]), adminRole('fnrole')], workloads)).toHaveLength(1);
  });

  it('a condition on the resource tags scopes the grant to other functions: no finding', () => {
    const user = dev([
      allow('lambda:UpdateFunctionCode', fnArn('api'), { StringEquals: { 'aws:ResourceTag/team': 'web' } }),
    ]);
    expect(findings([user, adminRole('fnrole')], [fn('api', 'aws_iam_role.fnrole')])).toEqual([]);
  });

  it('granted on every function: reported once, by the per-policy check, not as a path through the workload', () => {
    const user = dev([allow('lambda:UpdateFunctionCode', '*')]);
    const found = findings([user, adminRole('fnrole')], [fn('api', 'aws_iam_role.fnrole')]);
    expect(found.map((f) => [f[0], f[2], f[3]])).toEqual([[RUN, 'lambda-003', undefined]]);
  });

  it('a role updating the function it runs as itself gains nothing', () => {
    const role = principal('role', 'fnrole', [
      { kind: 'aws-managed', arn: ADMIN_POLICY },
      inline('aws_iam_role_policy.fnrole', [allow('lambda:UpdateFunctionCode', fnArn('api'))]),
    ]);
    const result = runGuard(
      { principals: [role], resources: [], policies: [], errors: [], workloads: [fn('api', 'aws_iam_role.fnrole')] },
      config,
    );
    expect(result.findings.filter((f) => f.ruleId === RUN)).toEqual([]);
  });
});

describe('each kind of workload and the actions that enter it', () => {
  const ec2 = (name: string): SymbolicValue => arnIn('ec2', `instance/i-${name}`);
  const box = (role: string): WorkloadInput => workload('aws_instance', 'aws_instance.box', ec2('box'), role);
  const ec2Admin = adminRole('boxrole', serviceTrust('ec2.amazonaws.com'));

  it('ssm:SendCommand on the instance and a document; without a document, the command cannot run', () => {
    const withDocument = dev([allow('ssm:SendCommand', [ec2('box'), 'arn:aws:ssm:*:*:document/AWS-RunShellScript'])]);
    const without = dev([allow('ssm:SendCommand', ec2('box'))]);
    expect(findings([withDocument, ec2Admin], [box('aws_iam_role.boxrole')])).toEqual([
      [RUN, '/Statement/0', 'ssm-002', 'aws_instance.box', 'aws_iam_role.boxrole', 'admin'],
    ]);
    expect(findings([without, ec2Admin], [box('aws_iam_role.boxrole')])).toEqual([]);
  });

  it('ssm:SendCommand through AWS documents that take no command runs no code; a pattern of AWS documents may', () => {
    const vss = dev([allow('ssm:SendCommand', [ec2('box'), 'arn:aws:ssm:*::document/AWSEC2-CreateVssSnapshot'])]);
    const anyAws = dev([allow('ssm:SendCommand', [ec2('box'), 'arn:aws:ssm:*::document/AWS-*'])]);
    expect(findings([vss, ec2Admin], [box('aws_iam_role.boxrole')])).toEqual([]);
    expect(findings([anyAws, ec2Admin], [box('aws_iam_role.boxrole')])).toEqual([
      [RUN, '/Statement/0', 'ssm-002', 'aws_instance.box', 'aws_iam_role.boxrole', 'admin'],
    ]);
  });

  it('ssm:StartSession on the instance; on another instance, nothing', () => {
    expect(findings([dev([allow('ssm:StartSession', ec2('box'))]), ec2Admin], [box('aws_iam_role.boxrole')])).toEqual([
      [RUN, '/Statement/0', 'ssm-001', 'aws_instance.box', 'aws_iam_role.boxrole', 'admin'],
    ]);
    expect(
      findings(
        [dev([allow('ssm:StartSession', 'arn:aws:ec2:*:111122223333:instance/i-2')]), ec2Admin],
        [
          workload(
            'aws_instance',
            'aws_instance.box',
            'arn:aws:ec2:eu-west-1:111122223333:instance/i-1',
            'aws_iam_role.boxrole',
          ),
        ],
      ),
    ).toEqual([]);
  });

  it('ec2-instance-connect:SendSSHPublicKey on the instance, without ec2:DescribeInstances (its address is known otherwise)', () => {
    const user = dev([allow('ec2-instance-connect:SendSSHPublicKey', ec2('box'))]);
    expect(findings([user, ec2Admin], [box('aws_iam_role.boxrole')])).toEqual([
      [RUN, '/Statement/0', 'ec2instanceconnect-003', 'aws_instance.box', 'aws_iam_role.boxrole', 'admin'],
    ]);
  });

  it('states:UpdateStateMachine needs states:StartExecution on it too', () => {
    const machine = arnIn('states', 'stateMachine:flow');
    const sfn = workload('aws_sfn_state_machine', 'aws_sfn_state_machine.flow', machine, 'aws_iam_role.flowrole');
    const role = adminRole('flowrole', serviceTrust('states.amazonaws.com'));
    expect(
      findings([dev([allow(['states:UpdateStateMachine', 'states:StartExecution'], machine)]), role], [sfn]),
    ).toEqual([
      [RUN, '/Statement/0', 'stepfunctions-002', 'aws_sfn_state_machine.flow', 'aws_iam_role.flowrole', 'admin'],
    ]);
    expect(findings([dev([allow('states:UpdateStateMachine', machine)]), role], [sfn])).toEqual([]);
  });

  it('cloudformation:UpdateStack on a stack by name (its id unknown before deploy)', () => {
    const stack = arnIn('cloudformation', 'stack/app/');
    const withId = new SymbolicValue([...stack.parts, hole('aws_cloudformation_stack.app.stack_uuid')]);
    const cfn = workload('aws_cloudformation_stack', 'aws_cloudformation_stack.app', withId, 'aws_iam_role.cfnrole');
    const role = adminRole('cfnrole', serviceTrust('cloudformation.amazonaws.com'));
    const written = 'arn:aws:cloudformation:*:111122223333:stack/app/*';
    expect(findings([dev([allow('cloudformation:UpdateStack', written)]), role], [cfn])).toEqual([
      [RUN, '/Statement/0', 'cloudformation-002', 'aws_cloudformation_stack.app', 'aws_iam_role.cfnrole', 'admin'],
    ]);
    const other = 'arn:aws:cloudformation:*:111122223333:stack/app-other/*';
    expect(findings([dev([allow('cloudformation:UpdateStack', other)]), role], [cfn])).toEqual([]);
  });

  it('a SageMaker notebook is named by its lowercase ARN', () => {
    const notebook = workload(
      'aws_sagemaker_notebook_instance',
      'aws_sagemaker_notebook_instance.nb',
      arnIn('sagemaker', 'notebook-instance/Research'),
      'aws_iam_role.nbrole',
    );
    const role = adminRole('nbrole', serviceTrust('sagemaker.amazonaws.com'));
    const user = dev([
      allow(
        'sagemaker:CreatePresignedNotebookInstanceUrl',
        'arn:aws:sagemaker:*:111122223333:notebook-instance/research',
      ),
    ]);
    expect(findings([user, role], [notebook])).toEqual([
      [RUN, '/Statement/0', 'sagemaker-004', 'aws_sagemaker_notebook_instance.nb', 'aws_iam_role.nbrole', 'admin'],
    ]);
  });
});

describe('chains through workloads', () => {
  it('a function whose role may create an access key for an administrator user: its role holds a path', () => {
    const admin = principal('user', 'admin', [{ kind: 'aws-managed', arn: ADMIN_POLICY }]);
    const fnRole = principal(
      'role',
      'fnrole',
      [inline('aws_iam_role_policy.fnrole', [allow('iam:CreateAccessKey', arnOf('aws_iam_user.admin'))])],
      { trust: serviceTrust('lambda.amazonaws.com') },
    );
    const user = dev([allow('lambda:UpdateFunctionCode', fnArn('api'))]);
    expect(findings([user, fnRole, admin], [fn('api', 'aws_iam_role.fnrole')])).toEqual([
      [RUN, '/Statement/0', 'lambda-003', 'aws_lambda_function.api', 'aws_iam_role.fnrole', 'escalation'],
    ]);
  });

  it('sts:AssumeRole on a role that may update an administrator function: a chain to administrator access', () => {
    const deployer = principal(
      'role',
      'deployer',
      [inline('aws_iam_role_policy.deployer', [allow('lambda:UpdateFunctionCode', fnArn('api'))])],
      { trust: accountTrust },
    );
    const user = dev([allow('sts:AssumeRole', arnOf('aws_iam_role.deployer'))]);
    expect(findings([user, deployer, adminRole('fnrole')], [fn('api', 'aws_iam_role.fnrole')])).toEqual([
      [
        'privilege-escalation/assume-any-role',
        '/Statement/0',
        'sts-001',
        undefined,
        'aws_iam_role.deployer',
        'escalation',
      ],
    ]);
  });

  it('one statement on two administrator functions: one finding that lists both', () => {
    const user = dev([allow('lambda:UpdateFunctionCode', [fnArn('a'), fnArn('b')])]);
    const result = runGuard(
      {
        principals: [user, adminRole('fnrole')],
        resources: [],
        policies: [],
        errors: [],
        workloads: [fn('a', 'aws_iam_role.fnrole'), fn('b', 'aws_iam_role.fnrole')],
      },
      config,
    );
    const found = result.findings.filter((f) => f.ruleId === RUN);
    expect(found.map((f) => f.evidence?.['workloads'])).toEqual([['aws_lambda_function.a', 'aws_lambda_function.b']]);
  });
});

describe('functions whose roles may each update every function of a prefix', () => {
  it('each role reaches the administrator function once, without pairing every role with every function', () => {
    const count = 400;
    const principals: PrincipalInput[] = [];
    const workloads: WorkloadInput[] = [];
    for (let i = 0; i < count; i++) {
      const role = principal(
        'role',
        `app-${i}`,
        i === 0
          ? [{ kind: 'aws-managed', arn: ADMIN_POLICY }]
          : [
              inline(`aws_iam_role_policy.app-${i}`, [
                {
                  Effect: 'Allow',
                  Action: 'lambda:UpdateFunctionCode',
                  Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:app-*',
                },
              ]),
            ],
        { trust: serviceTrust('lambda.amazonaws.com') },
      );
      principals.push(role);
      workloads.push({
        id: `aws_lambda_function.app-${i}`,
        type: 'aws_lambda_function',
        arn: `arn:aws:lambda:eu-west-1:111122223333:function:app-${i}`,
        role: { principal: role.id },
        location: { address: `aws_lambda_function.app-${i}` },
      });
    }
    const found = runGuard({ principals, resources: [], policies: [], errors: [], workloads }, config).findings.filter(
      (f) => f.ruleId === 'privilege-escalation/run-as-existing-role',
    );
    expect(found).toHaveLength(count - 1);
    for (const f of found) {
      expect(f.evidence?.['workload']).toBe('aws_lambda_function.app-0');
      expect(f.evidence?.['workloads']).toBeUndefined();
    }
  });
});

describe('functions that all run as one administrator role', () => {
  it('each role that may update them all is reported once, naming a few of them', () => {
    const count = 300;
    const admin = principal('role', 'shared', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], {
      trust: serviceTrust('lambda.amazonaws.com'),
    });
    const principals: PrincipalInput[] = [admin];
    const workloads: WorkloadInput[] = [];
    for (let i = 0; i < count; i++) {
      principals.push(
        principal('role', `dev-${i}`, [
          inline(`aws_iam_role_policy.dev-${i}`, [
            {
              Effect: 'Allow',
              Action: 'lambda:UpdateFunctionCode',
              Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:app-*',
            },
          ]),
        ]),
      );
      workloads.push({
        id: `aws_lambda_function.app-${i}`,
        type: 'aws_lambda_function',
        arn: `arn:aws:lambda:eu-west-1:111122223333:function:app-${i}`,
        role: { principal: admin.id },
        location: { address: `aws_lambda_function.app-${i}` },
      });
    }
    const found = runGuard({ principals, resources: [], policies: [], errors: [], workloads }, config).findings.filter(
      (f) => f.ruleId === 'privilege-escalation/run-as-existing-role',
    );
    expect(found).toHaveLength(count);
    for (const f of found) expect((f.evidence?.['workloads'] as unknown[]).length).toBe(10);
  });
});

describe('severity of a path through a workload', () => {
  const scan = (severity?: Severity) => {
    const admin = principal('role', 'report', [{ kind: 'aws-managed', arn: ADMIN_POLICY }], {
      trust: serviceTrust('lambda.amazonaws.com'),
    });
    const user = principal('user', 'hotfix', [
      inline('aws_iam_user_policy.hotfix', [
        {
          Effect: 'Allow',
          Action: 'lambda:UpdateFunctionCode',
          Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:report',
        },
      ]),
    ]);
    const workloads: WorkloadInput[] = [
      {
        id: 'aws_lambda_function.report',
        type: 'aws_lambda_function',
        arn: 'arn:aws:lambda:eu-west-1:111122223333:function:report',
        role: { principal: admin.id },
        location: { address: 'aws_lambda_function.report' },
      },
    ];
    const severities = new Map(config.severities);
    if (severity !== undefined) severities.set('privilege-escalation/run-as-existing-role', severity);
    return runGuard(
      { principals: [admin, user], resources: [], policies: [], errors: [], workloads },
      {
        ...config,
        severities,
      },
    ).findings.filter((f) => f.ruleId === 'privilege-escalation/run-as-existing-role');
  };

  it('is an error while the rule keeps its default severity (warning for its broad form)', () => {
    expect(scan().map((f) => f.severity)).toEqual(['error']);
  });

  it('follows a severity the configuration sets for the rule', () => {
    expect(scan('info').map((f) => f.severity)).toEqual(['info']);
  });
});

describe('an instance running as a role that may swap its own instance profile for an administrator role', () => {
  const instanceArn = new SymbolicValue([
    'arn:aws:ec2:',
    REGION,
    ':',
    ACCOUNT,
    ':instance/',
    hole('aws_instance.box.id'),
  ]);
  const box = workload('aws_instance', 'aws_instance.box', instanceArn, 'aws_iam_role.web');
  const web = principal(
    'role',
    'web',
    [
      inline('aws_iam_role_policy.web', [
        allow(['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'], '*'),
        allow('iam:PassRole', arnOf('aws_iam_role.admin')),
      ]),
    ],
    { trust: serviceTrust('ec2.amazonaws.com') },
  );
  const dev = principal('user', 'dev', [inline('aws_iam_user_policy.dev', [allow('ssm:StartSession', instanceArn)])]);

  it('a session started on the instance runs code as the role, which swaps its profile: reported', () => {
    expect(findings([dev, web, adminRole('admin', serviceTrust('ec2.amazonaws.com'))], [box])).toEqual([
      [
        'privilege-escalation/run-as-existing-role',
        '/Statement/0',
        'ssm-001',
        'aws_instance.box',
        'aws_iam_role.web',
        'escalation',
      ],
    ]);
  });

  it('the role may pass only a role without administrator access: no finding', () => {
    expect(findings([dev, web, plainRole('admin')], [box])).toEqual([]);
  });
});
