import { defineRule } from '../rule';
import { isAwsManaged } from '../validity/common';
import type { PolicySubject, RuleContext } from '../rule';
import { isFixedWorkOfRole, trustedServicesOnly } from '../data/service-roles';
import type { AccessLevel, ActionCatalog } from '../../analysis/catalog-view';
import type { ConditionClause, Statement } from '../../model/policy';
import { textWithHolesAs, valueToString } from '../../model/symbolic';
import { hasWildcard } from '../../match/wildcard';
import type { PolicyValue } from '../../model/symbolic';
import { listValues, ownerOf } from '../describe';
import { actionMatches, coversEveryResource } from '../statement-helpers';
import {
  constrainingClauses,
  coversAllResourcesFor,
  coversAllResourcesOf,
  givenWholeValues,
  isFullAccess,
  isOfAdminService,
  NETWORK_ORIGIN_KEYS,
  onEveryResource,
  outOfRegion,
  serviceAdminGrants,
  unrestrictedValues,
} from '../data/grants';
import { getAction } from '../../catalog/actions';
import { CALLER_NAMED_CREATES, CALLER_ONLY_WRITES, CONDITION_SCOPED_WRITES } from '../data/sensitive-actions';
import { confinedElsewhere } from '../data/boundary-scope';

const V = '2012-10-17';

const MODIFYING: ReadonlySet<AccessLevel> = new Set<AccessLevel>(['Write', 'Permissions management', 'Tagging']);
const SCOPED_BY_CONDITION = new Set([...CONDITION_SCOPED_WRITES, ...CALLER_ONLY_WRITES].map((a) => a.toLowerCase()));

// How the caller signed in and which network the request comes from narrow who can use a stolen
// credential (the exfiltration rules count them), not which resources the statement reaches:
// AWS's example of `ec2:*` with MFA within a date range is still every instance. The network
// perimeter's newer keys (the endpoint's account or organization, the VPC's ARN, the VPC an
// instance's credentials were issued in) say the same of the network.
const CALLER_CONTEXT_KEYS: ReadonlySet<string> = new Set([
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  ...NETWORK_ORIGIN_KEYS,
]);
// Which tag keys the request carries (`aws:TagKeys`) is the caller's choice, as is a request tag
// present with any value: the old load balancer controller policy's `ForAnyValue:StringEquals` on
// two keys lets it create every load balancer, as the new one's `Null` `false` on one key does.
// Options of the write itself choose how the request writes, not what it writes to:
// `PutParameter` with `ssm:Overwrite` `false` still creates a parameter under every name not yet
// taken (one another workload or a later deploy reads), and a canned ACL or an encryption header
// (`s3:x-amz-acl` `bucket-owner-full-control`, the cross-account delivery idiom) still writes
// objects to every bucket; so does a conditional write (`s3:if-none-match`, create only) and how
// the request is signed or sent (`s3:TlsVersion`, `s3:authType`).
const REQUEST_OPTION_KEYS: ReadonlySet<string> = new Set([
  'ssm:overwrite',
  'ssm:policies',
  's3:if-match',
  's3:if-none-match',
  's3:tlsversion',
  's3:authtype',
  's3:signatureversion',
  's3:signatureage',
  's3:x-amz-acl',
  's3:x-amz-server-side-encryption',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:x-amz-storage-class',
  's3:x-amz-content-sha256',
]);
// `kms:ViaService` is KMS's own `aws:CalledVia`: the snapshot scanners' `kms:CreateGrant` and
// `kms:ReEncrypt*` on `*` through EC2 still use every key of the account, as the same statement
// under `aws:CalledVia` is reported to.
const scopesNothing = (clause: ConditionClause): boolean => {
  const key = clause.key.toLowerCase();
  return (
    CALLER_CONTEXT_KEYS.has(key) || REQUEST_OPTION_KEYS.has(key) || key === 'aws:tagkeys' || key === 'kms:viaservice'
  );
};

/** Write, permissions-management or tagging actions on every resource although they can be scoped. */
export default defineRule({
  meta: {
    id: 'wildcard-resource/write-on-star',
    description:
      'An identity policy allows write, permissions-management or tagging actions on every resource (`"Resource": "*"`, a wildcard ARN or `NotResource`) although these actions accept resource-level permissions.',
    rationale:
      "An action that can be scoped to resources but is granted on `*` may change every resource of its type in the account. Name the resources (ARNs or references to them). Actions that only accept `\"Resource\": \"*\"` (`xray:PutTraceSegments`, `ec2:Describe*`) are not reported. A condition on MFA, the source address, VPC or VPC endpoint (`aws:SourceVpce`, `aws:VpceAccount`, `aws:VpceOrgID`), the region, the time, the service the request comes through (`aws:CalledVia`, `kms:ViaService`), the account that owns the resources (`aws:ResourceAccount`), who the caller is (its tags `aws:PrincipalTag/...`, ARN, account, organization, user name or id), an ARN condition naming every resource of its type (`ecs:cluster` `ArnLike` `arn:aws:ecs:*:*:cluster/*`), the tag keys of the request (`aws:TagKeys`, which the caller chooses) or an option of the write (`ssm:Overwrite`, `ssm:Policies`, a canned ACL `s3:x-amz-acl`, an encryption or storage-class header) does not scope the resources: the statement is still reported (`ssm:PutParameter` on `*` with `ssm:Overwrite` `false` still creates a parameter under every name not yet taken, which other workloads may read). A condition that the resources carry a tag (`StringEquals` on its value, `StringLike` `*` or `Null` `false` on its key) scopes them. An action the principal's permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. So does an unconditional Deny of the principal's policies or of its boundary that refuses the action outside the resources it names in `NotResource` (a boundary allowing `*` but `iam:PassRole` on one role passes that role only); a boundary that denies the action everywhere leaves nothing to report. On a role that only a service doing fixed work assumes (VPC flow logs, RDS Enhanced Monitoring, a trail's CloudWatch Logs delivery, Data Lifecycle Manager), the writes AWS documents for that work on `*` (`logs:CreateLogGroup`, `logs:CreateLogStream`, `logs:PutLogEvents`; DLM's `ec2:CreateSnapshot`, `ec2:CreateSnapshots`, `ec2:DeleteSnapshot`, `ec2:EnableFastSnapshotRestores`, `ec2:DisableFastSnapshotRestores` and `ec2:ModifySnapshotTier`, and its `ec2:CreateTags` where granted on snapshot or image ARNs only, as AWSDataLifecycleManagerServiceRole grants them) are not reported: the service writes only its own output with them; any other write of the role (`ec2:TerminateInstances`, `s3:DeleteObject`, DLM's `ec2:CreateTags` on `*`, which tags every instance and volume, and its copies and sharing, `ec2:CopySnapshot` and `ec2:ModifySnapshotAttribute`) still is. A Resource given whole at deploy (a Terraform variable, a template parameter) may be `*`: the check reports that it cannot decide. The actions of `iam:*`, `sts:*` or `organizations:*` on every resource are left to admin-access/service-admin, which reports the statement as administrator access. An IAM or Organizations action allowed only on a Region test that the one Region they answer in fails (`aws:RequestedRegion` `eu-west-1`: IAM answers in `us-east-1`) is allowed nowhere and not reported.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      writeOnStar: '{{owner}} may {{levels}} {{scope}} with {{actions}}, which can be scoped to resources',
    },
  },
  examples: {
    valid: [
      {
        name: 'IAM policy writes on every resource allowed in eu-west-1 only: IAM answers in us-east-1, so they are allowed nowhere',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreatePolicyVersion', 'iam:PutRolePolicy'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            },
          ],
        },
      },
      {
        name: 'every CloudFormation action on the SAM transform, a resource AWS owns (account `aws`), not one of the account',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'cloudformation:*',
              Resource: [
                'arn:aws:cloudformation:us-east-1:111122223333:stack/app-*/*',
                'arn:aws:cloudformation:us-east-1:aws:transform/*',
              ],
            },
          ],
        },
      },
      {
        name: 'its own password, the only one `iam:ChangePassword` changes, granted on `*`',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'], Resource: '*' },
          ],
        },
      },
      {
        name: 'virtual MFA devices the user names, as in the self-managed MFA example',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'iam:CreateVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/*' }],
        },
      },
      {
        name: 'the execution role the Lambda console creates: log groups anywhere in its account, streams of its own',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: 'arn:aws:logs:us-east-1:111122223333:*' },
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders:*',
            },
          ],
        },
      },
      {
        name: 'the other resources of ec2:RunInstances on `*`, the instances scoped by request tags',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:RunInstances',
              Resource: ['arn:aws:ec2:*:111122223333:instance/*', 'arn:aws:ec2:*:111122223333:volume/*'],
              Condition: { StringEquals: { 'aws:RequestTag/team': 'payments' } },
            },
            {
              Effect: 'Allow',
              Action: 'ec2:RunInstances',
              Resource: [
                'arn:aws:ec2:*::image/ami-*',
                'arn:aws:ec2:*:111122223333:subnet/*',
                'arn:aws:ec2:*:111122223333:network-interface/*',
                'arn:aws:ec2:*:111122223333:security-group/*',
              ],
            },
          ],
        },
      },
      {
        name: 'telemetry actions that only accept `*`',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'cloudwatch:PutMetricData'],
              Resource: '*',
            },
            { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
          ],
        },
      },
      {
        name: 'object writes allowed on `*` and denied, without condition, outside one bucket (`NotResource`)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: '*' },
            {
              Effect: 'Deny',
              Action: ['s3:PutObject', 's3:DeleteObject'],
              NotResource: 'arn:aws:s3:::team-reports/*',
            },
          ],
        },
      },
      {
        name: 'writes on one table and its indexes',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
              Resource: [
                'arn:aws:dynamodb:us-east-1:111122223333:table/Orders',
                'arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/*',
              ],
            },
          ],
        },
      },
      {
        name: 'deletes of the volumes that carry a tag, whatever its value (`StringLike` `*`, as storage drivers grant them)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:DeleteVolume',
              Resource: '*',
              Condition: { StringLike: { 'ec2:ResourceTag/storage.example.com/cluster': '*' } },
            },
          ],
        },
      },
      {
        name: 'tag-conditioned writes',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:TerminateInstances',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/owner': 'ci' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'tables created and deleted only through CloudFormation (`aws:CalledVia`), or instances changed in one region (`ec2:Region`): every one all the same',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:CreateTable', 'dynamodb:DeleteTable'],
              Resource: '*',
              Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } },
            },
            {
              Effect: 'Allow',
              Action: 'ec2:TerminateInstances',
              Resource: '*',
              Condition: { StringEquals: { 'ec2:Region': 'eu-west-1' } },
            },
          ],
        },
        errors: [
          { messageId: 'writeOnStar', pointer: '/Statement/0' },
          { messageId: 'writeOnStar', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'parameters created under every name, existing ones not overwritten (`ssm:Overwrite` `false`), and objects written to every bucket with the owner given full control (`s3:x-amz-acl`)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ssm:PutParameter',
              Resource: '*',
              Condition: { StringEquals: { 'ssm:Overwrite': 'false' } },
            },
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: '*',
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
            },
          ],
        },
        errors: [
          { messageId: 'writeOnStar', pointer: '/Statement/0' },
          { messageId: 'writeOnStar', pointer: '/Statement/1' },
        ],
      },
      {
        name: 're-encryption with every key through EC2 (`kms:ViaService`), as snapshot scanners ask',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:DescribeKey'],
              Resource: '*',
              Condition: { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'load balancers created and tagged with any value of the tag keys the caller names (`aws:TagKeys`)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'elasticloadbalancing:CreateLoadBalancer',
              Resource: '*',
              Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['ingress.k8s.aws/cluster'] } },
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'log groups created in every account, or every logs write in one account',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: 'arn:aws:logs:*:*:*' },
            { Effect: 'Allow', Action: 'logs:PutRetentionPolicy', Resource: 'arn:aws:logs:us-east-1:111122223333:*' },
          ],
        },
        errors: [
          { messageId: 'writeOnStar', pointer: '/Statement/0' },
          { messageId: 'writeOnStar', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'every action on every layer: the layer writes, not those on functions',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'lambda:*', Resource: 'arn:aws:lambda:us-east-1:111122223333:layer:*' },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'object writes on every bucket',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: '*' }],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'queue policy changes through NotResource',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'logs:PutLogEvents',
              Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/app:*',
            },
            {
              Effect: 'Allow',
              Action: 'sqs:SetQueueAttributes',
              NotResource: 'arn:aws:sqs:us-east-1:111122223333:audit',
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/1' }],
      },
      {
        name: 'deletes of volumes whose tag matches `*` if they have one: untagged volumes too',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:DeleteVolume',
              Resource: '*',
              Condition: { StringLikeIfExists: { 'ec2:ResourceTag/storage.example.com/cluster': '*' } },
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'object writes on every bucket, with MFA, in a date range, from the office network',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: '*',
              Condition: {
                Bool: { 'aws:MultiFactorAuthPresent': 'true' },
                DateLessThan: { 'aws:CurrentTime': '2027-06-30T23:59:59Z' },
                IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
              },
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'service updates on every resource under a cluster condition that names every cluster',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ecs:UpdateService',
              Resource: '*',
              Condition: { ArnLike: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/*' } },
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
      {
        name: 'object deletes on every bucket for the callers of one team and organization, through its endpoints (who calls and from where, not what it reaches)',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:DeleteObject',
              Resource: '*',
              Condition: {
                StringEquals: {
                  'aws:PrincipalTag/team': 'payments',
                  'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
                  'aws:VpceOrgID': 'o-a1b2c3d4e5',
                },
              },
            },
          ],
        },
        errors: [{ messageId: 'writeOnStar', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    // AWS managed policies (e.g. AWSLambdaBasicExecutionRole's logs on `*`) are not the user's to scope.
    if (isAwsManaged(subject)) return;
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || isFullAccess(statement)) continue;
      if (!coversAllResourcesOf(statement) || constrainingClauses(statement, scopesNothing).length > 0) continue;
      // The actions of `iam:*` or `sts:*` on `*` are admin-access/service-admin's: administrator access.
      const admin = serviceAdminGrants(context.catalog, context.permissions, statement);
      const actions = scopableWrites(context.catalog, statement).filter(
        (a) =>
          !isOfAdminService(admin, a) &&
          context.permissions.blockedEverywhere(a) !== 'yes' &&
          !outOfRegion(statement, a, context.permissions.partition) &&
          !confinedElsewhere(subject, a) &&
          !(a === 'sns:Publish' && sendsSms(subject)) &&
          // A role only a service of fixed work assumes (VPC flow logs: `logs:CreateLogStream` and
          // `logs:PutLogEvents` on `*`, as AWS documents it): that work's actions are the service's.
          !isFixedWorkOfRole(subject, statement, a),
      );
      if (actions.length === 0) continue;
      const levels = [...new Set(actions.map((a) => context.catalog.accessLevel(a)))];
      context.report({
        messageId: 'writeOnStar',
        data: {
          owner: ownerOf(subject),
          levels: joinWords([...new Set(levels.map(verbOf))]),
          scope: scopeOf(statement, actions),
          actions: listValues(actions),
        },
        statement,
        evidence: { actions, accessLevels: levels },
      });
    }
    reportGivenResources(context, subject);
  },
});

/**
 * Statements whose Resource is given whole at deploy (`Resource = var.bucket_arns`, a template
 * parameter) and that would write on every resource if it were `*`: undecided, not one resource.
 */
function reportGivenResources(context: RuleContext<'writeOnStar'>, subject: PolicySubject): void {
  if (!subject.parsed.ok) return;
  for (const statement of subject.parsed.value.statements) {
    if (statement.effect !== 'Allow' || constrainingClauses(statement, scopesNothing).length > 0) continue;
    const given = givenWholeValues(statement).map(valueToString);
    if (given.length === 0) continue;
    const actions = scopableWrites(context.catalog, onEveryResource(statement)).filter(
      (a) =>
        context.permissions.blockedEverywhere(a) !== 'yes' &&
        !outOfRegion(statement, a, context.permissions.partition) &&
        !confinedElsewhere(subject, a) &&
        !(a === 'sns:Publish' && sendsSms(subject)),
    );
    if (actions.length === 0) continue;
    context.reportUnverifiable({
      reason: `${ownerOf(subject)} may write with ${listValues(actions)} on ${listValues(given)}, given at deploy: whether that is every resource (\`*\`) cannot be told`,
      statement,
      pointer: statement.resource?.pointer,
      values: given,
      actions,
    });
  }
}

// Writes of statements on every resource, by catalog and action block: then only the actions
// decide (an estate of many `s3:*` on `*` policies expands and filters each pattern once).
const writesOnEveryResource = new WeakMap<ActionCatalog, Map<string, readonly string[]>>();
const WRITES_CACHE_LIMIT = 10_000;

function scopableWrites(catalog: ActionCatalog, statement: Statement): readonly string[] {
  const action = statement.action;
  if (action === undefined) return [];
  const key =
    coversEveryResource(statement) && action.values.every((v) => typeof v === 'string')
      ? `${action.negated ? '!' : ''}${action.values.join('\u0000')}`
      : undefined;
  if (key === undefined) return computeScopableWrites(catalog, statement);
  let cache = writesOnEveryResource.get(catalog);
  if (cache === undefined) writesOnEveryResource.set(catalog, (cache = new Map<string, readonly string[]>()));
  let writes = cache.get(key);
  if (writes === undefined) {
    writes = Object.freeze(computeScopableWrites(catalog, statement));
    if (cache.size >= WRITES_CACHE_LIMIT) cache.clear();
    cache.set(key, writes);
  }
  return writes;
}

function computeScopableWrites(catalog: ActionCatalog, statement: Statement): string[] {
  const action = statement.action;
  if (action === undefined) return [];
  // A listed pattern asks about the actions it names only: judging every action of the catalog
  // (~18,000) costs ~0.15 s of a cold process, paid by any plan with one write on `*`.
  const candidates = action.negated
    ? [...new Set(catalog.expand('*') ?? [])].filter((a) => actionMatches(statement, a))
    : [...new Set(action.values.flatMap((p) => catalog.expand(p) ?? []))];
  return candidates
    .filter(
      (a) =>
        isScopableWrite(catalog, a) &&
        coversAllResourcesFor(statement, a) &&
        reachesEveryRequiredType(statement, a) &&
        !isCallerNamedCreate(statement, a),
    )
    .sort();
}

const scopableByCatalog = new WeakMap<ActionCatalog, Map<string, boolean>>();

/**
 * Whether an action writes and can be scoped to resources (by ARN, not by condition only); what
 * the catalog says of an action is judged once per catalog, a statement only picks.
 */
function isScopableWrite(catalog: ActionCatalog, action: string): boolean {
  let judged = scopableByCatalog.get(catalog);
  if (judged === undefined) scopableByCatalog.set(catalog, (judged = new Map<string, boolean>()));
  let scopable = judged.get(action);
  if (scopable === undefined) {
    const level = catalog.accessLevel(action);
    scopable =
      level !== undefined &&
      MODIFYING.has(level) &&
      catalog.acceptsOnlyWildcardResource(action) === false &&
      !SCOPED_BY_CONDITION.has(action.toLowerCase());
    judged.set(action, scopable);
  }
  return scopable;
}

/**
 * Whether the policy's role is one only Amazon Cognito assumes: the role a user pool sends SMS
 * messages with, whose `sns:Publish` AWS documents on `*` (a phone number is no resource).
 */
function sendsSms(subject: PolicySubject): boolean {
  const services = trustedServicesOnly(subject);
  return services.length > 0 && services.every((s) => s === 'cognito-idp.amazonaws.com');
}

/**
 * A create of a resource the caller names, granted on every resource of its type only, or on every
 * resource of its service in one account (not `*`, nor every account).
 */
function isCallerNamedCreate(statement: Statement, action: string): boolean {
  const word = CALLER_NAMED_CREATES.get(action.toLowerCase());
  if (word === undefined || coversEveryResource(statement)) return false;
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const values = unrestrictedValues(statement);
  return values.length > 0 && values.every((v) => typeWordOf(v) === word || isServiceInOneAccount(v, service));
}

/**
 * Whether an ARN pattern is every resource of `service` in one account (`arn:aws:logs:*:111122223333:*`);
 * a part known after deploy is one value, not a wildcard.
 */
function isServiceInOneAccount(value: PolicyValue, service: string): boolean {
  const text = textWithHolesAs(value, '\u0001');
  const fields = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):\*$/.exec(text);
  return fields?.[1]?.toLowerCase() === service && /^(\d{12}|\u0001)$/.test(fields[2] ?? '');
}

/**
 * The resource-type word of an ARN (`subnet` in `arn:aws:ec2:*:1:subnet/*`), lower case; undefined
 * when it has none. A value known after deploy reads each unknown part as any text: the account of
 * `arn:aws:iam::<account>:mfa/*` does not hide that it names MFA devices.
 */
function typeWordOf(value: PolicyValue): string | undefined {
  const text = textWithHolesAs(value, '*');
  return /^arn:[^:]*:[^:]*:[^:]*:[^:]*:([A-Za-z][A-Za-z0-9-]*)[/:]/.exec(text)?.[1]?.toLowerCase();
}

/**
 * Whether the statement's unscoped values reach every resource type the action requires (and not
 * only a resource it reads from). An
 * action that needs several resources at once (`ec2:RunInstances`: an image, a subnet, a security
 * group, a network interface and the instance) is only allowed where each is: AWS's tag-on-create
 * examples grant the images and subnets on `*` and scope the instance by request tags elsewhere.
 */
function reachesEveryRequiredType(statement: Statement, action: string): boolean {
  if (coversEveryResource(statement)) return true;
  const types = getAction(action)?.resourceTypes ?? [];
  const required = types.filter((t) => t.required).map((t) => t.name.toLowerCase());
  // Values that all name a resource the action only reads from (the snapshot of `ec2:CreateVolume`,
  // whose required resource is the volume it creates) grant the source, not the write: storage
  // drivers grant snapshots on `*` and scope the volumes they create by request tags elsewhere.
  const optional = new Set(types.filter((t) => !t.required).map((t) => t.name.toLowerCase()));
  const words = unrestrictedValues(statement).map(typeWordOf);
  if (
    required.length > 0 &&
    words.length > 0 &&
    words.every((w) => w !== undefined && optional.has(w) && !required.includes(w))
  )
    return false;
  if (required.length < 2) return true;
  const covered = new Set<string>();
  for (const value of unrestrictedValues(statement)) {
    // No resource-type word (`arn:aws:ec2:*:*:*`) is every type.
    const word = typeWordOf(value);
    if (word === undefined) return true;
    covered.add(word);
  }
  return required.every((t) => covered.has(t));
}

/**
 * What the statement reaches, as the message says it: `every resource` for `*` (or a NotResource),
 * else the wildcard ARNs that name every resource of their type (`arn:aws:ec2:*:*:volume/*` is every
 * volume, not every resource), only those the reported actions can act on (not the snapshots of a
 * statement that also grants `ec2:DeleteVolume`, nor the queues of another service).
 */
function scopeOf(statement: Statement, actions: readonly string[]): string {
  const values = unrestrictedValues(statement);
  if (coversEveryResource(statement) || values.length === 0) return 'every resource';
  const actedOn = values.filter((v) => actions.some((a) => actsOn(a, v)));
  return `every resource matching ${listValues((actedOn.length > 0 ? actedOn : values).map(valueToString))}`;
}

/** Whether `action` may act on resources of ARN pattern `value`: its service, and one of its resource types. */
function actsOn(action: string, value: PolicyValue): boolean {
  const service = /^arn:[^:]*:([^:]*):/.exec(textWithHolesAs(value, '*'))?.[1]?.toLowerCase();
  const prefix = action.slice(0, action.indexOf(':')).toLowerCase();
  if (service !== undefined && !hasWildcard(service) && service !== prefix) return false;
  const word = typeWordOf(value);
  const types = getAction(action)?.resourceTypes ?? [];
  return word === undefined || types.length === 0 || types.some((t) => t.name.toLowerCase() === word);
}

/** `a`, `a and b`, `a, b and c`: verbs of one sentence. */
function joinWords(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

function verbOf(level: AccessLevel | undefined): string {
  if (level === 'Permissions management') return 'change the permissions of';
  if (level === 'Tagging') return 'tag';
  return 'write to';
}
