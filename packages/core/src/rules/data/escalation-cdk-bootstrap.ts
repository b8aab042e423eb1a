/**
 * Escalation toward the roles `cdk bootstrap` creates in every account a CDK app deploys to, which
 * the input does not hold: the CloudFormation execution role
 * (`cdk-<qualifier>-cfn-exec-role-<account>-<region>`), to which the bootstrap template attaches
 * `AdministratorAccess` unless `--cloudformation-execution-policies` names others, and the deploy
 * role (`cdk-<qualifier>-deploy-role-<account>-<region>`), which may pass the execution role to
 * CloudFormation and create and execute change sets. A principal that may pass the execution role
 * with a way to make CloudFormation deploy a template of its own deploys any resource as the
 * execution role. Only the role's name is known: the findings say so. Assuming the deploy role is
 * how `cdk deploy` and CDK Pipelines work, and is left to the idiom it is.
 */
import type { Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { textWithHolesAs, valueToString } from '../../model/symbolic';
import { couldOverlap } from '../../match/value';
import { actionResourceMatch } from '../../catalog/resource-types';
import type { PrincipalInput } from '../../analysis/input';
import type { PolicySubject, RuleContext } from '../rule';
import { actionMatches, coversEveryResource } from '../statement-helpers';
import { ownerOf } from '../describe';
import {
  blockedOnValue,
  constrainingClauses,
  coversAllResourcesFor,
  leavesEscalationOpen,
  principalStatements,
} from './grants';
import type { OwnedStatement } from './grants';
import { isPassedToServiceOf, namesNoRole, passesOnlyElsewhere, roleArnAdmits } from './path-meets';
import { namesPrincipal } from './escalation-principals';
import { pathsText } from './escalation-report';
import { isServiceOwnedGrant } from './service-roles';

/** Which bootstrap role a grant names. */
type BootstrapRole = 'execution' | 'deploy';

// The names `cdk bootstrap` gives the roles (path `/`), any qualifier, account and Region.
const ROLE_NAMES: Readonly<Record<BootstrapRole, string>> = {
  execution: 'cdk-*-cfn-exec-role-*-*',
  deploy: 'cdk-*-deploy-role-*-*',
};

// What tells each of the roles `cdk bootstrap` creates in its name: a pattern that writes out
// another's (`cdk-hnb659fds-file-publishing-role-*`) names that one, not the role looked for.
const KINDS: Readonly<Record<BootstrapRole | 'other', readonly string[]>> = {
  execution: ['cfn-exec-role'],
  deploy: ['deploy-role'],
  other: ['file-publishing-role', 'image-publishing-role', 'lookup-role'],
};

// A role's ARN up to its path and name: the name is read apart, so that no wildcard of the
// name reaches back into the account or the service.
const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\/(.*)$/;

const CLOUDFORMATION = 'cloudformation.amazonaws.com';

/**
 * The ways to have CloudFormation deploy a template of the caller's with a role it passes (each
 * request names the role: `RoleARN`), most direct first: a new stack (`cloudformation-001`), a
 * stack updated with another role, a change set created and executed (what `cdk deploy` does).
 */
const WAYS: readonly { readonly id: string; readonly actions: readonly string[]; readonly url?: string }[] = [
  {
    id: 'cloudformation-001',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    url: 'https://pathfinding.cloud/paths/cloudformation-001',
  },
  { id: 'cloudformation-update-pass-role', actions: ['iam:PassRole', 'cloudformation:UpdateStack'] },
  {
    id: 'cloudformation-change-set-pass-role',
    actions: ['iam:PassRole', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
  },
];

/** What the findings say of the execution role, whose policies the input does not hold. */
const BOOTSTRAP_PRESUMED =
  'known by its name only, the input does not hold it; the CDK bootstrap template gives it AdministratorAccess unless `cdk bootstrap --cloudformation-execution-policies` named other policies';

/**
 * The resource values of an Allow of `action` that may name a bootstrap role of `role` (a role the
 * input holds under such a name is judged by its policies instead): not values naming every role
 * (the path rules report those), nor values whose role name is unknown or all wildcards (nothing
 * says they are bootstrap roles).
 */
function bootstrapValues(
  statement: Statement,
  action: string,
  role: BootstrapRole,
  principals: readonly PrincipalInput[],
): PolicyValue[] {
  const set = statement.resource;
  if (statement.effect !== 'Allow' || set === undefined || set.negated || !actionMatches(statement, action)) return [];
  if (coversAllResourcesFor(statement, action)) return [];
  return set.values.filter((value) => {
    const name = ROLE_ARN.exec(textWithHolesAs(value, '*'))?.[1];
    if (name === undefined || name.replace(/[*?]/g, '') === '') return false;
    if (!couldOverlap(name, ROLE_NAMES[role])) return false;
    const others = [...KINDS.other, ...KINDS[role === 'deploy' ? 'execution' : 'deploy']];
    if (others.some((kind) => name.includes(kind))) return false;
    return !principals.some((p) => p.kind === 'role' && namesPrincipal(value, p));
  });
}

/**
 * The role as a message names it: its ARN when written out, else the bootstrap role's name and the
 * pattern that names it.
 */
function roleText(value: PolicyValue, role: BootstrapRole): string {
  const shown = valueToString(value);
  if (!/[*?]/.test(textWithHolesAs(value, ''))) return `\`${shown}\``;
  const name = role === 'deploy' ? 'deploy-role' : 'cfn-exec-role';
  return `\`cdk-<qualifier>-${name}-<account>-<region>\`, which \`${shown}\` names`;
}

/**
 * Whether a Deny, the boundary or an SCP keeps the principal from `action` on the bootstrap roles
 * `value` names: on the value itself, or, for a pattern, on every bootstrap role of its account
 * (`role/cdk-*` allowed, `role/cdk-*-cfn-exec-role-*` denied).
 */
function blockedOnRole(
  permissions: RuleContext<string>['permissions'],
  statements: readonly OwnedStatement[],
  action: string,
  value: PolicyValue,
  role: BootstrapRole,
): boolean {
  if (blockedOnValue(permissions, statements, action, value)) return true;
  const text = textWithHolesAs(value, '*');
  const fields = /^arn:([^:]*):iam::([^:]*):role\//.exec(text);
  if (fields === null || !/[*?]/.test(text)) return false;
  const every = `arn:${fields[1] as string}:iam::${fields[2] as string}:role/${ROLE_NAMES[role]}`;
  return blockedOnValue(permissions, statements, action, every);
}

/** The Allows of a CloudFormation action that a deploy with the role may go through, with the stacks they name. */
function cloudFormationGrants(
  statements: readonly OwnedStatement[],
  action: string,
  role: PolicyValue,
  context: RuleContext<string>,
): OwnedStatement[] {
  if (context.permissions.blockedEverywhere(action) === 'yes') return [];
  return statements.filter(({ statement }) => {
    if (statement.effect !== 'Allow' || !actionMatches(statement, action) || namesNoRole(statement, action))
      return false;
    const closing = constrainingClauses(statement, (c) => leavesEscalationOpen(c) || roleArnAdmits(c, role), {
      action,
      partition: context.permissions.partition,
    });
    if (closing.length > 0) return false;
    const set = statement.resource;
    return (
      set === undefined ||
      set.negated ||
      set.values.some((v) => actionResourceMatch(action, textWithHolesAs(v, 'x')) !== 'no-match')
    );
  });
}

/** Whether two statements may allow their actions on one same stack. */
function sameStack(a: Statement, b: Statement): boolean {
  if (coversEveryResource(a) || coversEveryResource(b)) return true;
  const values = (s: Statement): string[] =>
    s.resource === undefined || s.resource.negated ? ['*'] : s.resource.values.map((v) => textWithHolesAs(v, '*'));
  return values(a).some((x) => values(b).some((y) => sameStackFields(x, y)));
}

// A stack's ARN in its fields: a wildcard of the Region or account does not reach into the name.
const STACK_ARN = /^arn:([^:]*):cloudformation:([^:]*):([^:]*):stack\/([^/]*)\/(.*)$/;

/** Whether two resource patterns may name one same stack, field by field when both read as stack ARNs. */
function sameStackFields(x: string, y: string): boolean {
  const a = STACK_ARN.exec(x);
  const b = STACK_ARN.exec(y);
  if (a === null || b === null) return couldOverlap(x, y);
  return a.slice(1).every((field, i) => couldOverlap(field, b[i + 1] as string));
}

/** The ways open with the statements (granting each action of the way), the most direct first. */
function openWays(
  statements: readonly OwnedStatement[],
  role: PolicyValue,
  context: RuleContext<string>,
): {
  readonly id: string;
  readonly actions: readonly string[];
  readonly url?: string;
  readonly grants: OwnedStatement[];
}[] {
  const open = [];
  for (const way of WAYS) {
    const [create, execute] = way.actions.slice(1);
    const first = cloudFormationGrants(statements, create as string, role, context);
    if (first.length === 0) continue;
    if (execute === undefined) {
      open.push({ ...way, grants: [first[0] as OwnedStatement] });
      continue;
    }
    const second = cloudFormationGrants(statements, execute, role, context);
    const pair = first
      .flatMap((a) => second.map((b) => [a, b] as const))
      .find(([a, b]) => sameStack(a.statement, b.statement));
    if (pair !== undefined) open.push({ ...way, grants: [...pair] });
  }
  return open;
}

/**
 * Reports, at each statement of the subject's policy that lets the principal pass a role named as
 * the CDK bootstrap execution role, the ways the principal's policies then give it to deploy a
 * template of its own with that role (one finding per statement and role value).
 */
export function reportBootstrapExecution<M extends string>(
  context: RuleContext<M>,
  subject: PolicySubject,
  messageId: M,
): void {
  if (!subject.parsed.ok || isServiceOwnedGrant(subject)) return;
  const principals = context.inputAccount?.()?.principals ?? [];
  const own = subject.parsed.value.statements.filter(
    (s) => bootstrapValues(s, 'iam:PassRole', 'execution', principals).length > 0,
  );
  if (own.length === 0) return;
  const statements = principalStatements(subject, context.catalog);
  for (const statement of own) {
    if (passesOnlyElsewhere(statement, 'iam:PassRole', [CLOUDFORMATION])) continue;
    const closing = constrainingClauses(
      statement,
      (c) => leavesEscalationOpen(c) || isPassedToServiceOf(c, 'iam:PassRole'),
      { action: 'iam:PassRole', partition: context.permissions.partition },
    );
    if (closing.length > 0) continue;
    for (const role of bootstrapValues(statement, 'iam:PassRole', 'execution', principals)) {
      if (blockedOnRole(context.permissions, statements, 'iam:PassRole', role, 'execution')) continue;
      const ways = openWays(statements, role, context);
      const first = ways[0];
      if (first === undefined) continue;
      const shown = valueToString(role);
      context.report({
        messageId,
        data: {
          owner: ownerOf(subject),
          role: roleText(role, 'execution'),
          actions: first.actions.map((a) => `\`${a}\``).join(' + '),
          path: pathsText(ways.map((w) => w.id)),
          presumed: BOOTSTRAP_PRESUMED,
        },
        statement,
        key: `cdk-bootstrap ${shown}`,
        evidence: {
          path: first.id,
          ...(first.url !== undefined ? { url: first.url } : {}),
          actions: [...new Set(ways.flatMap((w) => w.actions))],
          ...(ways.length > 1 ? { alsoOpens: ways.slice(1).map((w) => w.id) } : {}),
          target: shown,
          targetHolds: 'admin',
          targetKnownBy: 'name',
          presumed: BOOTSTRAP_PRESUMED,
          grantedBy: first.actions.map((action, i) => {
            const grant = i === 0 ? { statement, policyName: subject.source.name } : first.grants[i - 1];
            return { action, policy: grant?.policyName, pointer: grant?.statement.pointer };
          }),
        },
      });
    }
  }
}
