/**
 * Writes every case (cases.ts) in each form a CloudFormation template gives a policy: the
 * principal's own `Policies`, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` listing the principal
 * or listed in its `ManagedPolicyArns`, `AWS::IAM::{Role,User,Group}Policy`, the document as an
 * object or as a JSON string built with `Fn::Sub` or `Fn::Join`; one JSON and one YAML template.
 * Each principal's logical id is `<Form><Case>`; `principals` maps it back.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { LAMBDA_TRUST } from './cases';
import type { Case, PolicyDocument } from './cases';
import type { Origin } from './terraform-forms';

/** The forms of a principal's identity policy, by the template they are written in. */
export const CLOUDFORMATION_IDENTITY_FORMS = {
  json: [
    'RolePolicies',
    'RolePolicy',
    'RoleManaged',
    'RoleManagedArns',
    'RoleRolePolicy',
    'RoleSub',
    'RoleJoin',
    'UserPolicies',
    'UserPolicy',
    'UserManaged',
    'UserManagedArns',
    'UserUserPolicy',
    'GroupPolicies',
    'GroupPolicy',
    'GroupGroupPolicy',
  ],
  yaml: ['YamlRolePolicies', 'YamlRolePolicy', 'YamlRoleSub', 'YamlRoleManagedArns'],
} as const;

/** The forms of a role's trust policy. */
export const CLOUDFORMATION_TRUST_FORMS = { json: ['TrustObject', 'TrustSub'], yaml: ['YamlTrustObject'] } as const;

type Template = Record<string, Record<string, unknown>>;

const pascal = (id: string): string =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** The document as the text `Fn::Sub` renders: `${` written `${!` so that it stays literal. */
function sub(document: PolicyDocument): unknown {
  return { 'Fn::Sub': JSON.stringify(document, null, 2).replace(/\$\{/g, '${!') };
}

/** The document as `Fn::Join` pieces: one per statement, joined with commas. */
function join(document: PolicyDocument): unknown {
  const statements = document.Statement.map((s) => JSON.stringify(s));
  return {
    'Fn::Join': [
      '',
      [`{"Version":"${document.Version ?? '2012-10-17'}","Statement":[`, ...statements.map((s, i) => (i === 0 ? s : `,${s}`)), ']}'],
    ],
  };
}

class Builder {
  readonly resources: Template = {};
  readonly principals = new Map<string, Origin>();

  add(id: string, type: string, properties: Record<string, unknown>): string {
    this.resources[id] = { Type: type, Properties: properties };
    return id;
  }

  principal(kind: 'Role' | 'User' | 'Group', id: string, origin: Origin, properties: Record<string, unknown> = {}) {
    this.principals.set(id, origin);
    return this.add(id, `AWS::IAM::${kind}`, {
      ...(kind === 'Role' && properties['AssumeRolePolicyDocument'] === undefined
        ? { AssumeRolePolicyDocument: LAMBDA_TRUST }
        : {}),
      ...properties,
    });
  }

  identity(c: Case, form: string): void {
    const id = `${form}${pascal(c.id)}`;
    const origin = { caseId: c.id, form };
    const doc = c.document;
    const kind = /^(?:Yaml)?(Role|User|Group)/.exec(form)?.[1] as 'Role' | 'User' | 'Group';
    const plural = `${kind}s`;
    const inline = (document: unknown): { PolicyName: string; PolicyDocument: unknown } => ({
      PolicyName: 'main',
      PolicyDocument: document,
    });
    const shape = form.replace(/^Yaml/, '').slice(kind.length);
    switch (shape) {
      case 'Policies':
        this.principal(kind, id, origin, { Policies: [inline(doc)] });
        return;
      case 'Sub':
        this.principal(kind, id, origin, { Policies: [inline(sub(doc))] });
        return;
      case 'Policy':
      case 'Join':
        this.principal(kind, id, origin);
        this.add(`${id}Policy`, 'AWS::IAM::Policy', {
          PolicyName: 'main',
          PolicyDocument: shape === 'Join' ? join(doc) : doc,
          [plural]: [{ Ref: id }],
        });
        return;
      case 'Managed':
        this.principal(kind, id, origin);
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc, [plural]: [{ Ref: id }] });
        return;
      case 'ManagedArns':
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc });
        this.principal(kind, id, origin, { ManagedPolicyArns: [{ Ref: `${id}Managed` }] });
        return;
      case 'RolePolicy':
      case 'UserPolicy':
      case 'GroupPolicy':
        this.principal(kind, id, origin);
        this.add(`${id}Inline`, `AWS::IAM::${kind}Policy`, {
          PolicyName: 'main',
          PolicyDocument: doc,
          [`${kind}Name`]: { Ref: id },
        });
        return;
      default:
        throw new Error(`unknown form ${form}`);
    }
  }

  trust(c: Case, form: string): void {
    const id = `${form}${pascal(c.id)}`;
    const document = form === 'TrustSub' ? sub(c.document) : c.document;
    this.principal('Role', id, { caseId: c.id, form }, { AssumeRolePolicyDocument: document });
  }

  template(): unknown {
    return { AWSTemplateFormatVersion: '2010-09-09', Resources: this.resources };
  }
}

/** The templates and where each principal comes from. */
export interface CloudFormationBuild {
  readonly files: readonly string[];
  readonly principals: ReadonlyMap<string, Origin>;
}

/** Writes `forms.template.json` and `forms.template.yaml` into `dir`. */
export function writeCloudFormation(cases: readonly Case[], dir: string): CloudFormationBuild {
  const principals = new Map<string, Origin>();
  const files: string[] = [];
  for (const format of ['json', 'yaml'] as const) {
    const b = new Builder();
    for (const c of cases) {
      if (c.kind === 'identity') for (const form of CLOUDFORMATION_IDENTITY_FORMS[format]) b.identity(c, form);
      else for (const form of CLOUDFORMATION_TRUST_FORMS[format]) b.trust(c, form);
    }
    const file = path.join(dir, `forms.template.${format}`);
    writeFileSync(file, format === 'json' ? JSON.stringify(b.template(), null, 2) : stringify(b.template()));
    files.push(file);
    for (const [id, origin] of b.principals) principals.set(id, origin);
  }
  return { files, principals };
}
