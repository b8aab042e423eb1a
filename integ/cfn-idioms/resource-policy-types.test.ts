/**
 * `cdk-guard` on resource-based policies of the less common CloudFormation types
 * (resource-policy-types.yaml, see README.md): the real binary, rule ids by logical id. Each
 * service's documented, scoped policy has none; the same type open to everyone is
 * `public-principal`; a VPC endpoint policy only filters the endpoint and grants nothing; an Entity
 * Resolution statement whose condition is not JSON is unresolved.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const TEMPLATE = 'integ/cfn-idioms/resource-policy-types.yaml';

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly logicalId?: string };
}

const PUBLIC = ['resource-exposure/public-principal'];
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  DirectoryBucket: [],
  DirectoryBucketPolicy: [],
  OpenDirectoryBucketPolicy: PUBLIC,
  OutpostsBucketPolicy: [],
  TableBucketPolicy: PUBLIC,
  GlobalAccessPointPolicy: [],
  RegistryPolicy: [],
  PublicToolsRepository: PUBLIC,
  CacheTemplate: [],
  OpenCacheTemplate: PUBLIC,
  ClusterPolicy: [],
  LatticeService: [],
  LatticeAuthPolicy: [],
  OpenLatticeAuthPolicy: PUBLIC,
  DelegatedAdministration: [],
  TraceDelivery: [],
  OpenTraceDelivery: PUBLIC,
  SchemaRegistryPolicy: [],
  ModelGroup: PUBLIC,
  AppLogs: [],
  MonitoringSink: [],
  WarehouseNamespace: PUBLIC,
  MediaContainer: [],
  GatewayEndpoint: [],
  SharedRuleGroup: [],
  RuleGroupSharing: [],
  OpenRuleGroupSharing: PUBLIC,
  PrivateDomain: [],
  OpenPrivateDomain: PUBLIC,
  PartnerMatchingRead: [],
  OrganizationNamespaceRead: [],
  OpenNamespaceStatement: PUBLIC,
  LooseConditionStatement: ['unverifiable/unresolved-policy'],
  GuardrailSharing: [],
  RuntimeFromVpc: [],
  OpenRuntime: PUBLIC,
};

describe('resource policies of the less common CloudFormation types', () => {
  const result = spawnSync(process.execPath, [BIN, TEMPLATE, '--format', 'json', '--fail-on', 'never'], {
    cwd: ROOT,
    encoding: 'utf8',
  });

  it('the template is read without an error', () => {
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('scoped policies are clean, policies open to everyone are public-principal, an endpoint policy grants nothing, a condition that cannot be read is unresolved', () => {
    const report = JSON.parse(result.stdout) as { findings: Finding[]; errors: unknown[] };
    const byId: Record<string, string[]> = Object.fromEntries(Object.keys(EXPECTED).map((id) => [id, []]));
    for (const finding of report.findings) {
      const ids = (byId[finding.location.logicalId ?? '(no logical id)'] ??= []);
      if (!ids.includes(finding.ruleId)) ids.push(finding.ruleId);
    }
    for (const ids of Object.values(byId)) ids.sort();
    expect(report.errors).toEqual([]);
    expect(byId).toEqual(EXPECTED);
  });
});
