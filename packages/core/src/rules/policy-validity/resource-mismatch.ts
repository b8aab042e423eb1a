import { defineRule } from '../rule';
import type { Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { getAction } from '../../catalog/actions';
import { ResourceProbe, getResourceType } from '../../catalog/resource-types';
import type { Tristate } from '../../match/value';
import type { ActionCatalog } from '../../analysis/catalog-view';
import { distinctValues, isEveryResource } from '../statement-helpers';
import { listValues } from '../describe';
import { catalogKnowsActions, isAwsManaged, withVariablesAsHoles } from '../validity/common';

/** Actions whose listed resources can never be a resource they act on: the statement grants them nothing. */
export default defineRule({
  meta: {
    id: 'policy-validity/resource-mismatch',
    description:
      'An action (or a whole statement) whose Resource values can be none of the resource types it acts on: the statement grants or denies it nothing.',
    rationale:
      'AWS authorizes an action against the resource of the request; a bucket ARN never matches `s3:GetObject` (which acts on objects). Such a statement is dead: the workload fails at run time, or a Deny protects nothing. List the ARN of the resource type the action acts on.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      deadStatement:
        'statement applies to nothing: none of its actions acts on {{resources}} (`{{action}}` acts on {{types}})',
      mismatch: '`{{action}}` acts on none of {{resources}}; it acts on {{types}}',
    },
  },
  examples: {
    valid: [
      {
        name: "AWS's own public parameters and documents, in every Region, without an account",
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ssm:GetParameter',
              Resource: 'arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*',
            },
            {
              Effect: 'Allow',
              Action: ['ssm:SendCommand', 'ssm:GetDocument'],
              Resource: 'arn:aws:ssm:*::document/AWS-RunShellScript',
            },
          ],
        },
      },
      {
        name: 'object actions on object ARNs and bucket actions on the bucket',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' },
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::reports/*' },
          ],
        },
      },
      {
        name: 'actions that only accept `*` on `*`, and a policy variable in the ARN',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'ec2:DescribeInstances'], Resource: '*' },
            {
              Effect: 'Allow',
              Action: 'iam:CreateVirtualMFADevice',
              Resource: 'arn:aws:iam::*:mfa/${aws:username}',
            },
          ],
        },
      },
      {
        name: 'objects and listing through a Multi-Region Access Point (its ARN has no Region)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: 'arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap/object/*',
            },
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap',
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 's3:GetObject on a Multi-Region Access Point rather than on its objects',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap',
            },
          ],
        },
        errors: [{ messageId: 'deadStatement', pointer: '/Statement/0' }],
      },
      {
        name: 'a resource type EC2 does not have, in every Region (`*` stands for the Region field only)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:111122223333:virtual-machine/*' },
          ],
        },
        errors: [{ messageId: 'deadStatement', pointer: '/Statement/0' }],
      },
      {
        name: 's3:GetObject on the bucket only (a dead statement)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports' }],
        },
        errors: [{ messageId: 'deadStatement', pointer: '/Statement/0' }],
      },
      {
        name: 'object actions on a bucket named by a template placeholder (one bucket name, no `/`)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::${bucket_name}' },
          ],
        },
        errors: [{ messageId: 'deadStatement', pointer: '/Statement/0' }],
      },
      {
        name: 'a DynamoDB action on a table index ARN it does not act on',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:Query', 'dynamodb:DeleteTable'],
              Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/ByDate',
            },
          ],
        },
        errors: [{ messageId: 'mismatch', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'a queue ARN for a topic action',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' }],
        },
        errors: [{ messageId: 'deadStatement' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject) || !catalogKnowsActions(context.catalog)) return;
    for (const statement of subject.parsed.value.statements) {
      const verdict = verdictOf(context.catalog, statement);
      if (verdict !== undefined) report(statement, verdict.mismatches, verdict.dead, verdict.resources);
    }

    function report(statement: Statement, mismatches: readonly Mismatch[], dead: boolean, resources: string): void {
      if (dead) {
        const first = mismatches[0] as Mismatch;
        context.report({
          messageId: 'deadStatement',
          data: { resources, action: first.action, types: first.types },
          statement,
          evidence: { actions: mismatches.map((m) => m.pattern) },
        });
        return;
      }
      for (const m of mismatches) {
        context.report({
          messageId: 'mismatch',
          data: { action: m.pattern, resources, types: m.types },
          statement,
          pointer: statement.action?.pointer,
          key: m.pattern,
          evidence: { actions: [m.pattern] },
        });
      }
    }
  },
});

interface Mismatch {
  /** The Action value as written. */
  readonly pattern: string;
  /** One concrete action it stands for, for the message. */
  readonly action: string;
  readonly types: string;
}

/** What a statement has to report: its mismatched actions, whether it is dead, its values as shown. */
interface Verdict {
  readonly mismatches: readonly Mismatch[];
  readonly dead: boolean;
  readonly resources: string;
}

// A document used by several principals (one attached policy, the same text) is parsed once and
// checked for each: a statement's verdict, which depends only on it and the catalog, is kept.
const verdicts = new WeakMap<Statement, { readonly catalog: ActionCatalog; readonly verdict: Verdict | undefined }>();

function verdictOf(catalog: ActionCatalog, statement: Statement): Verdict | undefined {
  const known = verdicts.get(statement);
  if (known !== undefined && known.catalog === catalog) return known.verdict;
  const verdict = judgeStatement(catalog, statement);
  verdicts.set(statement, { catalog, verdict });
  return verdict;
}

function judgeStatement(catalog: ActionCatalog, statement: Statement): Verdict | undefined {
  const actions = statement.action;
  const resources = statement.resource;
  if (actions === undefined || actions.negated || resources === undefined || resources.negated) return undefined;
  if (resources.values.some(isEveryResource)) return undefined;
  // Values that are not ARNs are reported by policy-validity/invalid-arn, not judged here. Each
  // is read once for all the statement's actions.
  const probes: ResourceProbe[] = [];
  for (const value of resources.values) {
    if (isArnLike(value)) probes.push(new ResourceProbe(withVariablesAsHoles(value)));
  }
  if (probes.length === 0) return undefined;
  const mismatches: Mismatch[] = [];
  let judged = 0;
  const patterns = distinctValues(actions.values);
  for (const pattern of patterns) {
    if (pattern === '*') return undefined;
    const expanded = catalog.expand(pattern);
    if (expanded === undefined) continue;
    judged++;
    let verdict: Tristate = 'no-match';
    for (const action of expanded) {
      const v = actionVerdict(action, probes);
      if (v === 'match') {
        verdict = 'match';
        break;
      }
      if (v === 'unknown') verdict = 'unknown';
    }
    if (verdict !== 'no-match') continue;
    const first = expanded[0] as string;
    mismatches.push({
      pattern,
      action: first,
      types: typesOf(
        first,
        probes.map((p) => p.arn),
      ),
    });
  }
  if (mismatches.length === 0) return undefined;
  const dead = mismatches.length === judged && judged === patterns.length;
  return { mismatches, dead, resources: listValues(probes.map((p) => String(p.arn))) };
}

/** `match` when a value can be a resource the action acts on; `unknown` when values after deploy decide. */
function actionVerdict(action: string, probes: readonly ResourceProbe[]): Tristate {
  // Actions without resource types are policy-validity/star-only-action's: AWS's own policies
  // scope many of them to ARNs, so they are no evidence of a dead statement.
  if (getAction(action)?.wildcardOnly !== false) return 'unknown';
  let verdict: Tristate = 'no-match';
  for (const probe of probes) {
    const value = probe.arn;
    let v = probe.match(action) ?? 'unknown';
    // A value that is all hole (a variable, a parameter) may be anything, even `*`.
    if (v === 'no-match' && typeof value !== 'string' && typeof value.parts[0] !== 'string') v = 'unknown';
    if (v === 'match') return 'match';
    if (v === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

function isArnLike(value: PolicyValue): boolean {
  if (typeof value !== 'string') return true;
  if (!value.startsWith('arn:')) return false;
  // At least six fields: five `:` (counted without splitting the value).
  let colons = 0;
  for (let at = value.indexOf(':'); at >= 0 && colons < 5; at = value.indexOf(':', at + 1)) colons++;
  return colons >= 5;
}

/**
 * The resource types of the action as the message names them; a type that a value names by its
 * word (`snapshot` in `arn:aws:ec2:us-east-1:111122223333:snapshot/*`) is shown with its ARN
 * format, where the difference is (an EBS snapshot's ARN has no account).
 */
function typesOf(action: string, values: readonly PolicyValue[]): string {
  const info = getAction(action);
  if (info === undefined) return 'unknown resource types';
  if (info.wildcardOnly) return '`*` only';
  const words = new Set(values.map(typeWordOf));
  const shown = info.resourceTypes.map((rt) => {
    const template = words.has(rt.name.toLowerCase()) ? getResourceType(info.service, rt.name)?.arnTemplate : undefined;
    return template === undefined ? `\`${rt.name}\`` : `\`${rt.name}\` (\`${template}\`)`;
  });
  const rest = shown.length - 3;
  return rest > 0 ? `${shown.slice(0, 3).join(', ')} and ${rest} more` : shown.join(', ');
}

/** The resource-type word of an ARN (`snapshot` in `arn:aws:ec2:*:1:snapshot/*`), lower case. */
function typeWordOf(value: PolicyValue): string | undefined {
  const text = typeof value === 'string' ? value : String(value);
  return /^arn:[^:]*:[^:]*:[^:]*:[^:]*:([A-Za-z][A-Za-z0-9-]*)[/:]/.exec(text)?.[1]?.toLowerCase();
}
