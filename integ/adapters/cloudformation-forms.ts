/**
 * Writes every case (cases.ts) in each form a CloudFormation template gives a policy: the
 * principal's own `Policies`, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` listing the principal
 * or listed in its `ManagedPolicyArns`, `AWS::IAM::{Role,User,Group}Policy`, the document as an
 * object or as a JSON string built with `Fn::Sub` or `Fn::Join`; one JSON and one YAML template.
 * Each principal's logical id is `<Form><Case>`; `principals` maps it back.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, visit } from 'yaml';
import type { Node } from 'yaml';
import { BOUNDARY, LAMBDA_TRUST, OIDC_PROVIDERS, providerOf } from './cases';
import type { Case, PolicyDocument } from './cases';
import type { Origin } from './terraform-forms';

/** The forms of a principal's identity policy, by the template they are written in. */
const CLOUDFORMATION_IDENTITY_FORMS = {
  json: [
    'RolePolicies',
    'RolePolicy',
    'RoleManaged',
    'RoleManagedArns',
    'RoleRolePolicy',
    'RoleSub',
    'RoleJoin',
    'RoleString',
    'RoleSubPseudo',
    'RoleCdkArns',
    'RolePolicyByName',
    'RoleManagedByName',
    'RoleManagedArnsGetAtt',
    'RoleManagedArnsByArn',
    'RoleManagedArnsLiteral',
    'RoleRolePolicyByName',
    'RoleSplit',
    'RoleSplitMixed',
    'UserPolicies',
    'UserPolicy',
    'UserManaged',
    'UserManagedArns',
    'UserUserPolicy',
    'UserPolicyByName',
    'UserManagedArnsByArn',
    'UserManagedArnsLiteral',
    'GroupPolicies',
    'GroupPolicy',
    'GroupGroupPolicy',
    'MemberGroupPolicies',
    'MemberGroupManaged',
    'AddedGroupPolicies',
    'MemberGroupByName',
  ],
  yaml: [
    'YamlRolePolicies',
    'YamlRolePolicy',
    'YamlRoleSub',
    'YamlRoleSubPseudo',
    'YamlRoleCdkArns',
    'YamlRoleManagedArns',
  ],
} as const;

/** The forms of an AWS managed policy attached by ARN. */
const CLOUDFORMATION_MANAGED_FORMS = {
  json: ['AwsArns', 'AwsArnsJoin', 'AwsArnsSub', 'AwsUserArns'],
  yaml: ['YamlAwsArnsSub', 'YamlAwsArnsJoin'],
} as const;

/** The forms of a policy on resources of the same template (`@BUCKET@` ... in cases.ts). */
const CLOUDFORMATION_SYMBOLIC_FORMS = {
  json: ['SymGetAtt', 'SymSubResource', 'SymSubDocument', 'SymManaged'],
  yaml: ['YamlSymSubResource', 'YamlSymGetAtt'],
} as const;

/** The resources the placeholders of symbolic cases stand for: logical id, type, properties. */
const SYMBOLIC_RESOURCES: Readonly<Record<string, readonly [string, string, Record<string, unknown>]>> = {
  BUCKET: ['DataBucket', 'AWS::S3::Bucket', { BucketName: 'acme-data' }],
  TABLE: [
    'OrdersTable',
    'AWS::DynamoDB::Table',
    {
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  ],
  QUEUE: ['JobsQueue', 'AWS::SQS::Queue', { QueueName: 'jobs' }],
};

/** The forms of a permissions boundary (one boundary policy per form, shared by its roles). */
const CLOUDFORMATION_BOUNDARY_FORMS = {
  json: ['BndRef', 'BndSub', 'BndLiteral', 'BndLiteralPath'],
  yaml: ['YamlBndRef'],
} as const;

/** The forms of a role's trust policy. */
const CLOUDFORMATION_TRUST_FORMS = {
  json: [
    'TrustObject',
    'TrustSub',
    'TrustString',
    'TrustSubPseudo',
    'TrustCdkArns',
    'TrustProviderRef',
    'TrustProviderGetAtt',
  ],
  yaml: ['YamlTrustObject', 'YamlTrustSubPseudo', 'YamlTrustCdkArns', 'YamlTrustProviderSub'],
} as const;

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

/** The document as `Fn::Sub` text naming the stack's account, region and partition. */
function subPseudo(document: PolicyDocument): unknown {
  let text = JSON.stringify(document, null, 2).replace(/\$\{/g, '${!');
  text = text.replace(/"arn:aws:/g, '"arn:${AWS::Partition}:');
  text = text.replace(/111122223333/g, '${AWS::AccountId}').replace(/eu-west-1/g, '${AWS::Region}');
  return { 'Fn::Sub': text };
}

/**
 * The document as the CDK writes it: every ARN naming the partition, the account or the region is
 * an `Fn::Join` of its pieces and `Ref`s of the pseudo parameters.
 */
function cdkArns(value: unknown): unknown {
  if (typeof value === 'string') {
    const pieces: unknown[] = [];
    let rest = value.startsWith('arn:aws:') ? `arn:\u0000:${value.slice('arn:aws:'.length)}` : value;
    rest = rest.replace(/111122223333/g, '\u0001').replace(/eu-west-1/g, '\u0002');
    const names = ['AWS::Partition', 'AWS::AccountId', 'AWS::Region'];
    let text = '';
    for (const ch of rest) {
      const at = ch.charCodeAt(0);
      if (at <= 2) {
        if (text !== '') pieces.push(text);
        pieces.push({ Ref: names[at] });
        text = '';
      } else text += ch;
    }
    if (text !== '') pieces.push(text);
    return pieces.length === 1 && typeof pieces[0] === 'string' ? value : { 'Fn::Join': ['', pieces] };
  }
  if (Array.isArray(value)) return value.map(cdkArns);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'Action' || k === 'NotAction' ? v : cdkArns(v)]),
    );
  return value;
}

/** The document as `Fn::Join` pieces: one per statement, joined with commas. */
function join(document: PolicyDocument): unknown {
  const statements = document.Statement.map((s) => JSON.stringify(s));
  return {
    'Fn::Join': [
      '',
      [
        `{"Version":"${document.Version ?? '2012-10-17'}","Statement":[`,
        ...statements.map((s, i) => (i === 0 ? s : `,${s}`)),
        ']}',
      ],
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
    if (form.startsWith('Member') || form.startsWith('Added')) {
      // A user reached through its group: the group holds the policy.
      const group = `Group${id}`;
      const byName = form.endsWith('ByName');
      this.principal(
        'Group',
        group,
        { caseId: c.id, form: `Group${form}` },
        {
          ...(form.endsWith('Managed') ? {} : { Policies: [{ PolicyName: 'main', PolicyDocument: doc }] }),
          ...(byName ? { GroupName: group } : {}),
        },
      );
      if (form.endsWith('Managed'))
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc, Groups: [{ Ref: group }] });
      if (form.startsWith('Added')) {
        this.principal('User', id, origin);
        this.add(`${id}Addition`, 'AWS::IAM::UserToGroupAddition', { GroupName: { Ref: group }, Users: [{ Ref: id }] });
      } else this.principal('User', id, origin, { Groups: [byName ? group : { Ref: group }] });
      return;
    }
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
      case 'String':
        this.principal(kind, id, origin, { Policies: [inline(JSON.stringify(doc))] });
        return;
      case 'SubPseudo':
        this.principal(kind, id, origin, { Policies: [inline(subPseudo(doc))] });
        return;
      case 'CdkArns':
        this.principal(kind, id, origin, { Policies: [inline(cdkArns(doc))] });
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
      case 'PolicyByName':
        // The principal named by its literal name, as a template written by hand may do.
        this.principal(kind, id, origin, { [`${kind}Name`]: id });
        this.add(`${id}Policy`, 'AWS::IAM::Policy', { PolicyName: 'main', PolicyDocument: doc, [plural]: [id] });
        return;
      case 'ManagedByName':
        this.principal(kind, id, origin, { [`${kind}Name`]: id });
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc, [plural]: [id] });
        return;
      case 'ManagedArnsGetAtt':
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc });
        this.principal(kind, id, origin, { ManagedPolicyArns: [{ 'Fn::GetAtt': [`${id}Managed`, 'PolicyArn'] }] });
        return;
      case 'ManagedArnsByArn':
        // The policy named by its ARN, built from its name.
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc, ManagedPolicyName: `${id}-policy` });
        this.principal(kind, id, origin, {
          ManagedPolicyArns: [{ 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${id}-policy` }],
        });
        return;
      case 'Split':
      case 'SplitMixed': {
        // One policy per statement: the role's own, or the first its own and the rest managed.
        const parts = doc.Statement.map((statement) => ({
          Version: doc.Version ?? '2012-10-17',
          Statement: [statement],
        }));
        const own = shape === 'Split' ? parts : parts.slice(0, 1);
        this.principal(kind, id, origin, {
          Policies: own.map((part, n) => ({ PolicyName: `part${n}`, PolicyDocument: part })),
        });
        parts.slice(own.length).forEach((part, n) => {
          this.add(`${id}Managed${n}`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: part, [plural]: [{ Ref: id }] });
        });
        return;
      }
      case 'ManagedArnsLiteral':
        // Its ARN written out, with the account the template is for.
        this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: doc, ManagedPolicyName: `${id}-policy` });
        this.principal(kind, id, origin, { ManagedPolicyArns: [`arn:aws:iam::111122223333:policy/${id}-policy`] });
        return;
      case 'RolePolicyByName':
        this.principal(kind, id, origin, { RoleName: id });
        this.add(`${id}Inline`, 'AWS::IAM::RolePolicy', { PolicyName: 'main', PolicyDocument: doc, RoleName: id });
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

  awsManaged(c: Case, form: string): void {
    const id = `${form}${pascal(c.id)}`;
    const name = c.managed ?? '';
    const shape = form.replace(/^Yaml/, '');
    const arn =
      shape === 'AwsArnsJoin'
        ? { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] }
        : shape === 'AwsArnsSub'
          ? { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` }
          : `arn:aws:iam::aws:policy/${name}`;
    this.principal(shape === 'AwsUserArns' ? 'User' : 'Role', id, { caseId: c.id, form }, { ManagedPolicyArns: [arn] });
  }

  symbolic(c: Case, form: string): void {
    const id = `${form}${pascal(c.id)}`;
    const shape = form.replace(/^Yaml/, '');
    const logicalId = (token: string): string => SYMBOLIC_RESOURCES[token]?.[0] ?? id;
    const getAtt = (token: string): unknown => ({ 'Fn::GetAtt': [logicalId(token), 'Arn'] });
    // Each string with a placeholder: `Fn::GetAtt`, or `Fn::Join` around it (as the CDK writes
    // them), or `Fn::Sub` naming the attribute.
    const resolve = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const token = /@(\w+)@/.exec(value)?.[1];
        if (token === undefined) return value;
        if (shape === 'SymSubResource')
          return { 'Fn::Sub': value.replace(/@(\w+)@/g, (_, t: string) => `\${${logicalId(t)}.Arn}`) };
        const [before = '', after = ''] = value.split(`@${token}@`);
        return before === '' && after === ''
          ? getAtt(token)
          : { 'Fn::Join': ['', [before, getAtt(token), after].filter((p) => p !== '')] };
      }
      if (Array.isArray(value)) return value.map(resolve);
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
      return value;
    };
    const document =
      shape === 'SymSubDocument'
        ? {
            'Fn::Sub': JSON.stringify(c.document, null, 2)
              .replace(/\$\{/g, '${!')
              .replace(/@(\w+)@/g, (_, t: string) => `\${${logicalId(t)}.Arn}`),
          }
        : resolve(c.document);
    // A separate policy resource: the role's own `Policies` cannot name the role's ARN.
    this.principal('Role', id, { caseId: c.id, form });
    if (shape === 'SymManaged')
      this.add(`${id}Managed`, 'AWS::IAM::ManagedPolicy', { PolicyDocument: document, Roles: [{ Ref: id }] });
    else
      this.add(`${id}Policy`, 'AWS::IAM::Policy', {
        PolicyName: 'main',
        PolicyDocument: document,
        Roles: [{ Ref: id }],
      });
  }

  /** A role under the boundary of `form` (created on first use), with the case's policy inline. */
  bounded(c: Case, form: string): void {
    const id = `${form}${pascal(c.id)}`;
    const shape = form.replace(/^Yaml/, '');
    const boundary = `${form}Boundary`;
    const name = `${form.toLowerCase()}-boundary`;
    if (this.resources[boundary] === undefined)
      this.add(boundary, 'AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: name,
        PolicyDocument: BOUNDARY,
        ...(shape === 'BndLiteralPath' ? { Path: '/boundaries/' } : {}),
      });
    const arn =
      shape === 'BndRef'
        ? { Ref: boundary }
        : shape === 'BndSub'
          ? { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${name}` }
          : `arn:aws:iam::111122223333:policy/${shape === 'BndLiteralPath' ? 'boundaries/' : ''}${name}`;
    this.principal(
      'Role',
      id,
      { caseId: c.id, form },
      {
        PermissionsBoundary: arn,
        Policies: [{ PolicyName: 'main', PolicyDocument: c.document }],
      },
    );
  }

  trust(c: Case, form: string): void {
    const id = `${form}${pascal(c.id)}`;
    const shape = form.replace(/^Yaml/, '');
    // The OIDC provider of the template, named by `Ref`, `Fn::GetAtt` or in `Fn::Sub`.
    const logicalId = (provider: string): string => `${pascal(provider)}Provider`;
    const byProvider = (value: unknown): unknown => {
      const provider = providerOf(value);
      if (provider !== undefined)
        return shape === 'TrustProviderRef'
          ? { Ref: logicalId(provider) }
          : { 'Fn::GetAtt': [logicalId(provider), 'Arn'] };
      if (Array.isArray(value)) return value.map(byProvider);
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byProvider(v)]));
      return value;
    };
    const document =
      shape === 'TrustProviderRef' || shape === 'TrustProviderGetAtt'
        ? byProvider(c.document)
        : shape === 'TrustProviderSub'
          ? {
              'Fn::Sub': JSON.stringify(c.document, null, 2)
                .replace(/\$\{/g, '${!')
                .replace(/"arn:aws:iam::\d+:oidc-provider\/[^"]+"/g, (arn) => {
                  const provider = providerOf(JSON.parse(arn));
                  return provider === undefined ? arn : `"\${${logicalId(provider)}}"`;
                }),
            }
          : shape === 'TrustSub'
            ? sub(c.document)
            : shape === 'TrustString'
              ? JSON.stringify(c.document)
              : shape === 'TrustSubPseudo'
                ? subPseudo(c.document)
                : shape === 'TrustCdkArns'
                  ? cdkArns(c.document)
                  : c.document;
    this.principal('Role', id, { caseId: c.id, form }, { AssumeRolePolicyDocument: document });
  }

  template(): unknown {
    return { AWSTemplateFormatVersion: '2010-09-09', Resources: this.resources };
  }
}

/** YAML with the short forms of the intrinsic functions (`!Sub`, `!Join`, `!Ref`), as templates are written by hand. */
function shortForms(template: unknown): string {
  const doc = new Document(template);
  const tags: Readonly<Record<string, string>> = { 'Fn::Sub': '!Sub', 'Fn::Join': '!Join', Ref: '!Ref' };
  visit(doc, {
    Map(_, node) {
      const only = node.items.length === 1 ? node.items[0] : undefined;
      const tag = tags[String((only?.key as { value?: unknown } | undefined)?.value)];
      if (only === undefined || tag === undefined) return undefined;
      const value = only.value as Node;
      value.tag = tag;
      return value;
    },
  });
  return doc.toString();
}

/**
 * The SAM template: a function per case, its execution role built by the transform from the
 * function's `Policies` (a document, or an AWS managed policy by name) or its
 * `AssumeRolePolicyDocument`. The role's logical id is the function's followed by `Role`.
 */
function samTemplate(cases: readonly Case[], principals: Map<string, Origin>): unknown {
  const resources: Record<string, unknown> = {};
  for (const c of cases) {
    const form =
      c.kind === 'identity'
        ? 'SamPolicies'
        : c.kind === 'managed'
          ? 'SamAwsName'
          : c.kind === 'trust'
            ? 'SamTrust'
            : undefined;
    if (form === undefined) continue;
    const id = `${form}${pascal(c.id)}`;
    const properties =
      c.kind === 'identity'
        ? { Policies: [c.document] }
        : c.kind === 'managed'
          ? { Policies: [(c.managed ?? '').split('/').pop()] }
          : { AssumeRolePolicyDocument: c.document };
    resources[id] = {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Runtime: 'python3.12',
        Handler: 'index.handler',
        InlineCode: 'def handler(e, c): pass',
        ...properties,
      },
    };
    principals.set(`${id}Role`, { caseId: c.id, form });
  }
  return { Transform: 'AWS::Serverless-2016-10-31', Resources: resources };
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
    for (const [logicalId, type, properties] of Object.values(SYMBOLIC_RESOURCES)) b.add(logicalId, type, properties);
    for (const [name, host] of Object.entries(OIDC_PROVIDERS))
      b.add(`${pascal(name)}Provider`, 'AWS::IAM::OIDCProvider', {
        Url: `https://${host}`,
        ClientIdList: ['sts.amazonaws.com'],
      });
    for (const c of cases) {
      if (c.kind === 'identity') for (const form of CLOUDFORMATION_IDENTITY_FORMS[format]) b.identity(c, form);
      else if (c.kind === 'managed') for (const form of CLOUDFORMATION_MANAGED_FORMS[format]) b.awsManaged(c, form);
      else if (c.kind === 'symbolic') for (const form of CLOUDFORMATION_SYMBOLIC_FORMS[format]) b.symbolic(c, form);
      else if (c.kind === 'bounded') for (const form of CLOUDFORMATION_BOUNDARY_FORMS[format]) b.bounded(c, form);
      else for (const form of CLOUDFORMATION_TRUST_FORMS[format]) b.trust(c, form);
    }
    const file = path.join(dir, `forms.template.${format}`);
    writeFileSync(file, format === 'json' ? JSON.stringify(b.template(), null, 2) : shortForms(b.template()));
    files.push(file);
    for (const [id, origin] of b.principals) principals.set(id, origin);
  }
  const sam = path.join(dir, 'sam.template.yaml');
  writeFileSync(sam, shortForms(samTemplate(cases, principals)));
  files.push(sam);
  return { files, principals };
}
