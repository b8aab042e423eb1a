/**
 * Roles CDK does not synthesize. Under `Role.customizeRoles` (context `@aws-cdk/iam:customizeRoles`)
 * a role becomes a reference to a role someone creates by hand, by name, and what the app needs of
 * it (trust, managed policies, statements) goes to the policy report, `iam-policy-report.json` in
 * the assembly. That role is deployed with those permissions all the same: each reported role is
 * checked as the `AWS::IAM::Role` the report describes, added to the template of its stack.
 */
import { canonicalJson } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';

/** The name of the policy report CDK writes in the assembly directory. */
export const POLICY_REPORT_FILE = 'iam-policy-report.json';

/** One role of the policy report: what the role created in place of the construct must allow. */
export interface PrecreatedRole {
  /** The construct path of the role in the app. */
  readonly constructPath: string;
  /** Where the role is in the report (`/roles/2`). */
  readonly pointer: string;
  /** The name of the role created by hand (`usePrecreatedRoles`). */
  readonly roleName: string;
  /** Statements of its trust policy. */
  readonly assumeRolePolicy: readonly unknown[];
  readonly managedPolicyArns: readonly unknown[];
  /** Statements of its identity policies and of the managed policies of the app attached to it. */
  readonly statements: readonly unknown[];
}

/** Pseudo parameters as the report writes them. */
const PSEUDO: Readonly<Record<string, string>> = {
  ACCOUNT: 'AWS::AccountId',
  PARTITION: 'AWS::Partition',
  REGION: 'AWS::Region',
  NOVALUE: 'AWS::NoValue',
};

/**
 * The roles of a policy report. A role the report marks `missing` is left out: no name was given
 * for it, so CDK fails the synthesis on it, or, with `preventSynthesis: false`, every role is
 * `missing` and synthesized, checked in its template. A report of another form is an input error.
 */
export function readPolicyReport(report: unknown, file: string): { roles: PrecreatedRole[]; errors: InputError[] } {
  const roles: PrecreatedRole[] = [];
  const errors: InputError[] = [];
  const listed = isRecord(report) ? report['roles'] : undefined;
  if (!Array.isArray(listed)) {
    errors.push({ file, pointer: '/roles', message: 'the IAM policy report has no `roles` list' });
    return { roles, errors };
  }
  listed.forEach((role: unknown, index) => {
    const at = `/roles/${String(index)}`;
    if (!isRecord(role)) {
      errors.push({ file, pointer: at, message: 'a role of the IAM policy report is not an object' });
      return;
    }
    if (role['missing'] === true) return;
    const { roleConstructPath, roleName } = role;
    if (typeof roleConstructPath !== 'string' || typeof roleName !== 'string') {
      errors.push({
        file,
        pointer: at,
        message: 'a role of the IAM policy report has no `roleConstructPath` and `roleName` (strings)',
      });
      return;
    }
    const list = (key: string): unknown[] | undefined => {
      const value = role[key] ?? [];
      if (Array.isArray(value)) return value as unknown[];
      errors.push({
        file,
        pointer: `${at}/${key}`,
        message: `\`${key}\` of a role of the IAM policy report is no list`,
      });
      return undefined;
    };
    const trust = list('assumeRolePolicy');
    const arns = list('managedPolicyArns');
    const managed = list('managedPolicyStatements');
    const identity = list('identityPolicyStatements');
    if (trust === undefined || arns === undefined || managed === undefined || identity === undefined) return;
    roles.push({
      constructPath: roleConstructPath,
      pointer: at,
      roleName,
      assumeRolePolicy: trust,
      managedPolicyArns: arns,
      statements: [...managed, ...identity],
    });
  });
  return { roles, errors };
}

/**
 * Marks a role written from the report (its `Metadata` key `PRECREATED_ROLE` holds it): an
 * administrator creates it outside the deploy, so its permissions boundary (which the report does
 * not carry) is theirs to set. A symbol, which no template read from a file can hold: a template
 * cannot mark a role of its own so.
 */
export const PRECREATED: unique symbol = Symbol('iamgate: a role of the IAM policy report');

/** The `Metadata` key that holds `PRECREATED`. */
export const PRECREATED_ROLE = 'iamgate:precreated-role';

/**
 * The template with one `AWS::IAM::Role` per role of `roles`, and the construct path of each by
 * its logical id. A reference of the report, `(<construct path>.<attribute>)`, becomes `Ref` or
 * `Fn::GetAtt` of the resource `logicalIdOf` finds at that path in the stack; one to a resource
 * elsewhere stays the report's text, a name of that one resource.
 */
export function withPrecreatedRoles(
  template: Record<string, unknown>,
  roles: readonly PrecreatedRole[],
  logicalIdOf: (constructPath: string) => string | undefined,
): { template: Record<string, unknown>; paths: Map<string, string> } {
  const paths = new Map<string, string>();
  if (roles.length === 0) return { template, paths };
  const resources: Record<string, unknown> = { ...(isRecord(template['Resources']) ? template['Resources'] : {}) };
  const written = (value: unknown): unknown => toTemplateForm(value, logicalIdOf);
  const attached = attachedStatements(resources);
  for (const role of roles) {
    // A policy of the app attached to the role (`policy.attachToRole(role)`) is still in the
    // template, naming the role, and its statements in the report too: they are checked there.
    const inTemplate = attached.get(role.roleName);
    const statements =
      inTemplate === undefined
        ? role.statements
        : role.statements.filter((statement) => !inTemplate.has(canonicalJson(written(statement))));
    const base = `PrecreatedRole${role.constructPath.replace(/[^A-Za-z0-9]/g, '')}`;
    let logicalId = base;
    for (let n = 2; logicalId in resources; n++) logicalId = `${base}${String(n)}`;
    paths.set(logicalId, role.constructPath);
    const document = (statements: readonly unknown[]): unknown => ({
      Version: '2012-10-17',
      Statement: statements.map(written),
    });
    resources[logicalId] = {
      Type: 'AWS::IAM::Role',
      Metadata: { 'aws:cdk:path': role.constructPath, [PRECREATED_ROLE]: PRECREATED },
      Properties: {
        RoleName: role.roleName,
        // Every role the app creates has a trust (`assumedBy`); one the app imports has none here.
        ...(role.assumeRolePolicy.length === 0 ? {} : { AssumeRolePolicyDocument: document(role.assumeRolePolicy) }),
        ...(role.managedPolicyArns.length === 0 ? {} : { ManagedPolicyArns: role.managedPolicyArns.map(written) }),
        ...(statements.length === 0
          ? {}
          : { Policies: [{ PolicyName: 'iam-policy-report', PolicyDocument: document(statements) }] }),
      },
    };
  }
  return { template: { ...template, Resources: resources }, paths };
}

/** The statements of the template's `AWS::IAM::Policy` resources, canonical, by each role name they name. */
function attachedStatements(resources: Record<string, unknown>): Map<string, Set<string>> {
  const byRole = new Map<string, Set<string>>();
  for (const resource of Object.values(resources)) {
    if (!isRecord(resource) || resource['Type'] !== 'AWS::IAM::Policy' || !isRecord(resource['Properties'])) continue;
    const { Roles: names, PolicyDocument: document } = resource['Properties'];
    const statement = isRecord(document) ? document['Statement'] : undefined;
    const statements = (Array.isArray(statement) ? statement : [statement]).map((s) => canonicalJson(s));
    for (const name of Array.isArray(names) ? names : [])
      if (typeof name === 'string') {
        let known = byRole.get(name);
        if (known === undefined) byRole.set(name, (known = new Set()));
        for (const s of statements) known.add(s);
      }
  }
  return byRole;
}

/** A value of the report with its references written as the template writes them. */
function toTemplateForm(value: unknown, logicalIdOf: (constructPath: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => toTemplateForm(v, logicalIdOf));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTemplateForm(v, logicalIdOf)]));
  if (typeof value !== 'string') return value;
  const parts: unknown[] = [];
  let text = '';
  let last = 0;
  for (const match of value.matchAll(/\(([^()\s]+)\)/g)) {
    const reference = referenceOf(match[1] ?? '', logicalIdOf);
    if (reference === undefined) continue;
    text += value.slice(last, match.index);
    if (text !== '') parts.push(text);
    parts.push(reference);
    text = '';
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return value;
  text += value.slice(last);
  if (text !== '') parts.push(text);
  return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
}

/** `Ref` or `Fn::GetAtt` for the report's `(PARTITION)` or `(<construct path>.<attribute>)`. */
function referenceOf(
  inner: string,
  logicalIdOf: (constructPath: string) => string | undefined,
): Record<string, unknown> | undefined {
  const pseudo = PSEUDO[inner];
  if (pseudo !== undefined) return { Ref: pseudo };
  const dot = inner.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const logicalId = logicalIdOf(inner.slice(0, dot));
  if (logicalId === undefined) return undefined;
  const attribute = inner.slice(dot + 1);
  return attribute === 'Ref' ? { Ref: logicalId } : { 'Fn::GetAtt': [logicalId, attribute] };
}
