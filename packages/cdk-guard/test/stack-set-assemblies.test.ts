/**
 * Stack sets in a cloud assembly (`CfnStackSet`, which constructs such as guardian/cdk's fill with
 * the JSON of a child stack): the template a stack set deploys to its accounts is checked with the
 * values its `Parameters` pass, located at `<stack>/<stack set>`; a template elsewhere (`TemplateURL`)
 * is not checked and says so; a body CloudFormation would reject is an input error at
 * `TemplateBody`. The real CLI on assemblies written here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { main } from '../src/cli';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cdk-guard-stack-sets-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The JSON a child stack synthesizes to: a role for the account its parameter names. */
function memberRole(managedPolicy: string): string {
  return JSON.stringify({
    Parameters: { AuditAccount: { Type: 'String' } },
    Resources: {
      AuditRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AuditAccount}:root' } },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': 'audit-7f3a' } },
              },
            ],
          },
          ManagedPolicyArns: [managedPolicy],
        },
      },
    },
  });
}

let count = 0;
/** Writes a cloud assembly of one stack `Org` whose resources are `resources`. */
function assembly(resources: Record<string, unknown>): string {
  const dir = join(root, `cdk${++count}.out`);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      version: '36.0.0',
      artifacts: {
        Org: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111122223333/us-east-1',
          properties: { templateFile: 'Org.template.json' },
        },
      },
    }),
  );
  writeFileSync(join(dir, 'Org.template.json'), JSON.stringify({ Resources: resources }));
  return dir;
}

function stackSet(properties: Record<string, unknown>): Record<string, unknown> {
  return {
    Type: 'AWS::CloudFormation::StackSet',
    Properties: {
      StackSetName: 'audit',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: ['ou-a1b2-c3d4e5f6'] }, Regions: ['us-east-1'] },
      ],
      ...properties,
    },
  };
}

interface Found {
  readonly status: number;
  readonly stderr: string;
  /** `ruleId @ stack/logicalId`, sorted. */
  readonly rows: string[];
}

async function scan(dir: string): Promise<Found> {
  const io = fakeIo({ cwd: root });
  const status = await main(['--format', 'json', '--fail-on', 'warning', relative(root, dir)], io);
  const report = JSON.parse(io.out) as {
    findings: { ruleId: string; location: { stack?: string; logicalId?: string } }[];
  };
  const rows = report.findings.map((f) => `${f.ruleId} @ ${f.location.stack ?? ''}/${f.location.logicalId ?? ''}`);
  return { status, stderr: io.err, rows: [...new Set(rows)].sort() };
}

const PARAMETERS = [{ ParameterKey: 'AuditAccount', ParameterValue: '444455556666' }];

describe('the template a stack set of a cloud assembly deploys', () => {
  it('is checked: AdministratorAccess in the body is found at the stack set', async () => {
    const found = await scan(
      assembly({
        Audit: stackSet({
          Parameters: PARAMETERS,
          TemplateBody: memberRole('arn:aws:iam::aws:policy/AdministratorAccess'),
        }),
      }),
    );
    expect([found.status, found.stderr, found.rows]).toEqual([
      1,
      '',
      ['admin-access/full-access @ Org/Audit/AuditRole'],
    ]);
  });

  it('a body scoped to a read-only AWS managed policy and an external id is clean', async () => {
    const found = await scan(
      assembly({
        Audit: stackSet({
          Parameters: PARAMETERS,
          TemplateBody: memberRole('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'),
        }),
      }),
    );
    expect([found.status, found.stderr, found.rows]).toEqual([0, '', []]);
  });

  it('a template in S3 (`TemplateURL`) is not checked, and says so', async () => {
    const found = await scan(
      assembly({ Audit: stackSet({ TemplateURL: 'https://example-templates.s3.amazonaws.com/audit.json' }) }),
    );
    expect([found.status, found.rows]).toEqual([1, ['unverifiable/unresolved-policy @ Org/Audit']]);
  });

  it('a body CloudFormation would reject is an input error at `TemplateBody` (exit 2)', async () => {
    const found = await scan(
      assembly({
        Audit: stackSet({
          TemplateBody: JSON.stringify({
            Resources: { Reader: { Type: 'AWS::IAM::Role', Properties: { RoleName: { Ref: 'Missing' } } } },
          }),
        }),
      }),
    );
    expect(found.status).toBe(2);
    expect(found.stderr).toMatch(
      /^cdk\d+\.out\/Org\.template\.json: \/Resources\/Audit\/Properties\/TemplateBody: template body of stack set `Audit`: /,
    );
  });
});
