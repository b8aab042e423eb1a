/**
 * Writes every case (cases.ts) in each form a Terraform configuration gives a policy, all in one
 * `terraform show -json` plan (written with integ/tf-scan/parity/plan-builder.js), plus the .tf
 * file `tf-scan --hcl` reads for the documents the plan knows only after apply. Each principal is
 * named `<form>_<case>`; `principals` maps its address back.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BOUNDARY, LAMBDA_TRUST, OIDC_PROVIDERS, providerOf } from './cases';
import type { Case, PolicyDocument } from './cases';

/** A statement block of `aws_iam_policy_document`, as the parity plan builder takes it. */
interface StatementBlock {
  sid?: string;
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

interface ParityPlan {
  data(type: string, name: string, values: Record<string, unknown>, expressions?: Record<string, unknown>): string;
  create(
    type: string,
    name: string,
    values: Record<string, unknown>,
    options?: { unknown?: string[]; expressions?: Record<string, unknown> },
  ): string;
  document(name: string, statements: StatementBlock[], options?: { dependsOn?: string[]; sources?: string[] }): string;
  readonly prior: readonly { readonly address: string; readonly values: Record<string, unknown> }[];
  toJSON(): unknown;
}

interface PlanBuilder {
  readonly Plan: new () => ParityPlan;
  readonly ACCOUNT: string;
  readonly ref: (address: string, attribute?: string) => unknown;
  readonly constant: (value: unknown) => unknown;
}

// The plan builder is the CommonJS module the parity plans are written with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Plan, ref, constant, ACCOUNT } = require('../tf-scan/parity/plan-builder') as PlanBuilder;

/** The forms of a principal's identity policy; `kind` is the principal type it is built on. */
const TERRAFORM_IDENTITY_FORMS = [
  'role_inline_block',
  'role_policy',
  'role_attachment',
  'role_policy_attachment',
  'role_exclusive_inline',
  'role_exclusive_attachments',
  'role_document',
  'role_document_attachment',
  'role_deferred',
  'role_hcl',
  'role_hcl_heredoc',
  'role_policy_by_name',
  'role_attachment_by_arn',
  'role_managed_policy_arns',
  'role_inline_block_document',
  'role_source_documents',
  'role_deferred_source_documents',
  'role_split',
  'role_split_mixed',
  'role_count',
  'role_for_each',
  'user_policy',
  'user_attachment_by_arn',
  'user_attachment',
  'user_policy_attachment',
  'user_document',
  'group_policy',
  'group_attachment',
  'group_document',
  'member_user_group_membership',
  'member_group_membership',
  'member_group_attachment',
  'member_by_name',
  'member_policy_attachment',
] as const;

/** The forms of an AWS managed policy attached by ARN. */
const TERRAFORM_MANAGED_FORMS = [
  'aws_role_attachment',
  'aws_role_data_policy',
  'aws_role_managed_policy_arns',
  'aws_role_exclusive_attachments',
  'aws_role_policy_attachment',
  'aws_user_attachment',
] as const;

/** The forms of a policy on resources of the same configuration (`@BUCKET@` ... in cases.ts). */
const TERRAFORM_SYMBOLIC_FORMS = [
  'sym_hcl',
  'sym_heredoc',
  'sym_document_deferred',
  'sym_document_deferred_attachment',
] as const;

/** The resources the placeholders of symbolic cases stand for, by placeholder. */
const SYMBOLIC_RESOURCES: Readonly<Record<string, { type: string; name: string; values: Record<string, unknown> }>> = {
  BUCKET: { type: 'aws_s3_bucket', name: 'data', values: { bucket: 'acme-data', force_destroy: false } },
  TABLE: { type: 'aws_dynamodb_table', name: 'orders', values: { name: 'orders', hash_key: 'id' } },
  QUEUE: { type: 'aws_sqs_queue', name: 'jobs', values: { name: 'jobs' } },
};

/** The forms of a permissions boundary (one boundary policy per form, shared by its roles). */
const TERRAFORM_BOUNDARY_FORMS = ['bnd_created', 'bnd_by_arn', 'bnd_by_arn_path', 'bnd_document'] as const;

/** The forms of a role's trust policy. */
const TERRAFORM_TRUST_FORMS = [
  'trust_literal',
  'trust_document',
  'trust_deferred',
  'trust_provider_deferred',
  'trust_provider_hcl',
] as const;

/** Where a principal of the built plan comes from. */
export interface Origin {
  readonly caseId: string;
  readonly form: string;
}

const snake = (id: string): string => id.replace(/-/g, '_');
const text = (document: PolicyDocument): string => JSON.stringify(document);
const list = (value: unknown): string[] =>
  value === undefined ? [] : [value].flat().map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));

/** The statement blocks of `aws_iam_policy_document` that render `document`. */
function statementBlocks(document: PolicyDocument): StatementBlock[] {
  return document.Statement.map((s) => {
    const block: StatementBlock = {};
    if (typeof s['Sid'] === 'string' && s['Sid'] !== '') block.sid = s['Sid'];
    if (typeof s['Effect'] === 'string') block.effect = s['Effect'];
    if (s['Action'] !== undefined) block.actions = list(s['Action']);
    if (s['NotAction'] !== undefined) block.not_actions = list(s['NotAction']);
    if (s['Resource'] !== undefined) block.resources = list(s['Resource']);
    const principal = s['Principal'];
    if (principal === '*') block.principals = [{ type: '*', identifiers: ['*'] }];
    else if (principal !== undefined && principal !== null && typeof principal === 'object')
      block.principals = Object.entries(principal).map(([type, ids]) => ({ type, identifiers: list(ids) }));
    const condition = s['Condition'];
    if (condition !== undefined && condition !== null && typeof condition === 'object')
      block.condition = Object.entries(condition as Record<string, Record<string, unknown>>).flatMap(([test, keys]) =>
        Object.entries(keys).map(([variable, values]) => ({
          test,
          variable,
          // The data source's values are strings: `50` and `true` are written "50" and "true".
          values: [values].flat().map((v) => (typeof v === 'string' ? v : String(v))),
        })),
      );
    return block;
  });
}

/** An HCL expression for a JSON value (`jsonencode` argument); `${` and `%{` escaped. */
function hclValue(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${hclValue(v, inner)},`).join('\n')}\n${indent}]`;
  if (value !== null && typeof value === 'object')
    return `{\n${Object.entries(value)
      .map(([k, v]) => `${inner}${JSON.stringify(k)} = ${hclValue(v, inner)}`)
      .join('\n')}\n${indent}}`;
  return 'null';
}

/** The plan, its .tf file and where each principal comes from. */
export interface TerraformBuild {
  readonly planFile: string;
  readonly hclDir: string;
  readonly principals: ReadonlyMap<string, Origin>;
}

class Builder {
  readonly plan = new Plan();
  readonly principals = new Map<string, Origin>();
  readonly tf: string[] = [];

  /**
   * An `aws_iam_role`; `trust` literal or the address of a document. `options.inline`: its
   * `inline_policy` blocks (`policy` literal, or `inlineFrom` the document whose `json` it is);
   * `managedFrom`: an `aws_iam_policy` listed in its `managed_policy_arns`; `managedArns`: the ARNs listed there.
   */
  role(
    name: string,
    origin: Origin,
    trust: PolicyDocument | string = LAMBDA_TRUST,
    options: {
      inline?: { name: string; policy: string | undefined }[];
      inlineFrom?: string;
      managedFrom?: string;
      managedArns?: string[];
      /** The boundary: an `aws_iam_policy` of the plan (by reference) or an ARN written out. */
      boundaryFrom?: string;
      boundaryArn?: string;
    } = {},
  ): string {
    const fromData = typeof trust === 'string';
    const known = fromData ? this.json(trust) : text(trust);
    const { inline, inlineFrom, managedFrom, managedArns, boundaryFrom, boundaryArn } = options;
    const address = this.plan.create(
      'aws_iam_role',
      name,
      {
        name,
        path: '/',
        assume_role_policy: known,
        description: '',
        force_detach_policies: false,
        max_session_duration: 3600,
        permissions_boundary: boundaryArn ?? null,
        tags: null,
        name_prefix: null,
        ...(inline === undefined ? {} : { inline_policy: inline }),
        ...(managedArns === undefined ? {} : { managed_policy_arns: managedArns }),
      },
      {
        unknown: [
          'arn',
          'id',
          'unique_id',
          'create_date',
          'tags_all',
          ...(managedArns === undefined ? ['managed_policy_arns'] : []),
          ...(boundaryFrom === undefined ? [] : ['permissions_boundary']),
          ...(inline === undefined ? ['inline_policy'] : []),
          ...(known === undefined ? ['assume_role_policy'] : []),
        ],
        expressions: {
          assume_role_policy: fromData ? ref(trust, 'json') : {},
          ...(inline === undefined
            ? {}
            : {
                inline_policy: [
                  { name: constant('main'), policy: inlineFrom === undefined ? {} : ref(inlineFrom, 'json') },
                ],
              }),
          ...(managedArns === undefined ? {} : { managed_policy_arns: constant(managedArns) }),
          ...(boundaryFrom === undefined ? {} : { permissions_boundary: ref(boundaryFrom, 'arn') }),
          ...(boundaryArn === undefined ? {} : { permissions_boundary: constant(boundaryArn) }),
          ...(managedFrom === undefined
            ? {}
            : { managed_policy_arns: { references: [`${managedFrom}.arn`, managedFrom] } }),
        },
      },
    );
    this.principals.set(address, origin);
    return address;
  }

  member(kind: 'user' | 'group', name: string, origin: Origin): string {
    const address = this.plan.create(
      `aws_iam_${kind}`,
      name,
      kind === 'user'
        ? { name, path: '/', force_destroy: false, permissions_boundary: null, tags: null }
        : { name, path: '/' },
      { unknown: ['arn', 'id', 'unique_id', 'tags_all'] },
    );
    this.principals.set(address, origin);
    return address;
  }

  /** The `json` of a document read at plan time, `undefined` when read at apply. */
  json(address: string): string | undefined {
    const json = this.plan.prior.find((r) => r.address === address)?.values['json'];
    return typeof json === 'string' ? json : undefined;
  }

  /** `aws_iam_{role,user,group}_policy` whose document is literal or the `json` of a data source. */
  inline(kind: 'role' | 'user' | 'group', name: string, owner: string, document: PolicyDocument | string): string {
    const fromData = typeof document === 'string';
    const known = fromData ? this.json(document) : text(document);
    return this.plan.create(
      `aws_iam_${kind}_policy`,
      name,
      { name: 'main', [kind]: name, policy: known, ...(kind === 'role' ? { name_prefix: null } : {}) },
      {
        unknown: ['id', ...(known === undefined ? ['policy'] : [])],
        expressions: {
          [kind]: ref(owner, kind === 'role' ? 'id' : 'name'),
          name: constant('main'),
          policy: fromData ? ref(document, 'json') : {},
        },
      },
    );
  }

  managed(name: string, document: PolicyDocument | string, path = '/'): string {
    const fromData = typeof document === 'string';
    const known = fromData ? this.json(document) : text(document);
    return this.plan.create(
      'aws_iam_policy',
      name,
      { name, path, description: '', policy: known, tags: null, name_prefix: null },
      {
        unknown: ['arn', 'id', 'policy_id', 'tags_all', 'attachment_count', ...(known === undefined ? ['policy'] : [])],
        expressions: { policy: fromData ? ref(document, 'json') : {} },
      },
    );
  }

  attach(kind: 'role' | 'user' | 'group', name: string, owner: string, policy: string): void {
    this.plan.create(
      `aws_iam_${kind}_policy_attachment`,
      name,
      { [kind]: name },
      {
        unknown: ['id', 'policy_arn'],
        expressions: { [kind]: ref(owner, 'name'), policy_arn: ref(policy, 'arn') },
      },
    );
  }

  /** `aws_iam_policy_attachment` (the one that holds every attachment of a policy). */
  policyAttachment(kind: 'role' | 'user', name: string, owner: string, policy: string): void {
    this.plan.create(
      'aws_iam_policy_attachment',
      name,
      {
        name,
        roles: kind === 'role' ? [name] : null,
        users: kind === 'user' ? [name] : null,
        groups: null,
      },
      {
        unknown: ['id', 'policy_arn'],
        expressions: {
          name: constant(name),
          [`${kind}s`]: { references: [`${owner}.name`, owner] },
          policy_arn: ref(policy, 'arn'),
        },
      },
    );
  }

  identity(c: Case, form: (typeof TERRAFORM_IDENTITY_FORMS)[number]): void {
    const name = `${form}_${snake(c.id)}`;
    const origin = { caseId: c.id, form };
    const doc = c.document;
    switch (form) {
      case 'role_inline_block':
        this.role(name, origin, LAMBDA_TRUST, { inline: [{ name: 'main', policy: text(doc) }] });
        return;
      case 'role_policy':
        this.inline('role', name, this.role(name, origin), doc);
        return;
      case 'role_attachment':
        this.attach('role', name, this.role(name, origin), this.managed(name, doc));
        return;
      case 'role_policy_attachment':
        this.policyAttachment('role', name, this.role(name, origin), this.managed(name, doc));
        return;
      case 'role_exclusive_inline': {
        const role = this.role(name, origin);
        const policy = this.inline('role', name, role, doc);
        this.plan.create(
          'aws_iam_role_policies_exclusive',
          name,
          { role_name: name, policy_names: ['main'] },
          {
            unknown: [],
            expressions: {
              role_name: ref(role, 'name'),
              policy_names: { references: [`${policy}.name`, policy] },
            },
          },
        );
        return;
      }
      case 'role_exclusive_attachments': {
        const role = this.role(name, origin);
        const policy = this.managed(name, doc);
        this.plan.create(
          'aws_iam_role_policy_attachments_exclusive',
          name,
          { role_name: name },
          {
            unknown: ['policy_arns'],
            expressions: {
              role_name: ref(role, 'name'),
              policy_arns: { references: [`${policy}.arn`, policy] },
            },
          },
        );
        return;
      }
      case 'role_document':
        this.inline('role', name, this.role(name, origin), this.plan.document(name, statementBlocks(doc)));
        return;
      case 'role_document_attachment':
        this.attach(
          'role',
          name,
          this.role(name, origin),
          this.managed(name, this.plan.document(name, statementBlocks(doc))),
        );
        return;
      case 'role_deferred': {
        const role = this.role(name, origin);
        this.inline('role', name, role, this.plan.document(name, statementBlocks(doc), { dependsOn: [role] }));
        return;
      }
      case 'role_hcl': {
        // `jsonencode` of a document that names something known only after apply (its `Id`):
        // unknown in the plan, rebuilt from the .tf file.
        const role = this.role(name, origin);
        this.plan.create(
          'aws_iam_role_policy',
          name,
          { name: 'main', role: name, name_prefix: null },
          {
            unknown: ['id', 'policy'],
            expressions: {
              role: ref(role, 'id'),
              name: constant('main'),
              policy: { references: [`${role}.unique_id`, role] },
            },
          },
        );
        this.tf.push(
          `resource "aws_iam_role" "${name}" {`,
          `  name               = "${name}"`,
          `  assume_role_policy = jsonencode(${hclValue(LAMBDA_TRUST, '  ')})`,
          '}',
          '',
          `resource "aws_iam_role_policy" "${name}" {`,
          '  name   = "main"',
          `  role   = aws_iam_role.${name}.id`,
          `  policy = jsonencode(${hclValue({ Id: '@ID@', ...doc }, '  ').replace('"@ID@"', `aws_iam_role.${name}.unique_id`)})`,
          '}',
          '',
        );
        return;
      }
      case 'member_user_group_membership':
      case 'member_group_membership':
      case 'member_group_attachment':
      case 'member_by_name':
      case 'member_policy_attachment': {
        // A user reached through its group: the group holds the policy.
        const group = this.member('group', `group_${name}`, { caseId: c.id, form: `group_${form}` });
        if (form === 'member_group_attachment') this.attach('group', `group_${name}`, group, this.managed(name, doc));
        else if (form === 'member_policy_attachment') {
          const policy = this.managed(name, doc);
          this.plan.create(
            'aws_iam_policy_attachment',
            name,
            { name, roles: null, users: null, groups: [`group_${name}`] },
            {
              unknown: ['id', 'policy_arn'],
              expressions: {
                name: constant(name),
                groups: { references: [`${group}.name`, group] },
                policy_arn: ref(policy, 'arn'),
              },
            },
          );
        } else this.inline('group', `group_${name}`, group, doc);
        const user = this.member('user', name, origin);
        if (form === 'member_by_name')
          // The user and its groups named by their literal names.
          this.plan.create(
            'aws_iam_user_group_membership',
            name,
            { user: name, groups: [`group_${name}`] },
            { unknown: ['id'], expressions: { user: constant(name), groups: constant([`group_${name}`]) } },
          );
        else if (form === 'member_group_membership')
          this.plan.create(
            'aws_iam_group_membership',
            name,
            { name, group: `group_${name}`, users: [name] },
            {
              unknown: ['id'],
              expressions: {
                name: constant(name),
                group: ref(group, 'name'),
                users: { references: [`${user}.name`, user] },
              },
            },
          );
        else
          this.plan.create(
            'aws_iam_user_group_membership',
            name,
            { user: name, groups: [`group_${name}`] },
            {
              unknown: ['id'],
              expressions: { user: ref(user, 'name'), groups: { references: [`${group}.name`, group] } },
            },
          );
        return;
      }
      case 'role_hcl_heredoc': {
        // A heredoc JSON document with an interpolation known only after apply.
        const role = this.role(name, origin);
        this.plan.create(
          'aws_iam_role_policy',
          name,
          { name: 'main', role: name, name_prefix: null },
          {
            unknown: ['id', 'policy'],
            expressions: {
              role: ref(role, 'id'),
              name: constant('main'),
              policy: { references: [`${role}.unique_id`, role] },
            },
          },
        );
        const json = JSON.stringify({ Id: '@ID@', ...doc }, null, 2)
          .replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`)
          .replace('@ID@', `\${aws_iam_role.${name}.unique_id}`);
        this.tf.push(
          `resource "aws_iam_role_policy" "${name}" {`,
          '  name   = "main"',
          `  role   = aws_iam_role.${name}.id`,
          '  policy = <<-EOT',
          ...json.split('\n').map((line) => `    ${line}`),
          '  EOT',
          '}',
          '',
        );
        return;
      }
      case 'role_split':
      case 'role_split_mixed': {
        // One policy per statement: inline ones, or the first inline and the rest managed.
        const role = this.role(name, origin);
        doc.Statement.forEach((statement, n) => {
          const part = { Version: doc.Version ?? '2012-10-17', Statement: [statement] };
          if (form === 'role_split' || n === 0) {
            this.plan.create(
              'aws_iam_role_policy',
              `${name}_${n}`,
              { name: `part${n}`, role: name, policy: text(part), name_prefix: null },
              { unknown: ['id'], expressions: { role: ref(role, 'id'), name: constant(`part${n}`), policy: {} } },
            );
          } else this.attach('role', `${name}_${n}`, role, this.managed(`${name}_${n}`, part));
        });
        return;
      }
      case 'role_count':
      case 'role_for_each': {
        // Instances of `count = 1` (`[0]`) or `for_each` (`["app"]`), each policy naming the role
        // of its own instance (`aws_iam_role.x[count.index].id`, `aws_iam_role.x[each.key].name`).
        const key = form === 'role_count' ? 0 : 'app';
        const pairing = form === 'role_count' ? 'count.index' : 'each.key';
        const role = this.role(name, origin);
        const policy = this.managed(name, doc);
        this.plan.create(
          'aws_iam_role_policy_attachment',
          name,
          { role: name },
          {
            unknown: ['id', 'policy_arn'],
            expressions: { role: { references: [role, pairing] }, policy_arn: { references: [policy, pairing] } },
          },
        );
        for (const address of [role, policy, `aws_iam_role_policy_attachment.${name}`]) this.indexed.set(address, key);
        this.principals.delete(role);
        this.principals.set(`${role}[${JSON.stringify(key)}]`, origin);
        return;
      }
      case 'role_policy_by_name': {
        // The role named by its literal name, not by a reference.
        this.role(name, origin);
        this.plan.create(
          'aws_iam_role_policy',
          name,
          { name: 'main', role: name, policy: text(doc), name_prefix: null },
          { unknown: ['id'], expressions: { role: constant(name), name: constant('main'), policy: {} } },
        );
        return;
      }
      case 'role_attachment_by_arn':
      case 'user_attachment_by_arn': {
        // The policy named by its ARN written out, the principal by its name.
        const kind = form.startsWith('role') ? 'role' : 'user';
        if (kind === 'role') this.role(name, origin);
        else this.member('user', name, origin);
        this.managed(name, doc);
        this.plan.create(
          `aws_iam_${kind}_policy_attachment`,
          name,
          { [kind]: name, policy_arn: `arn:aws:iam::${ACCOUNT}:policy/${name}` },
          {
            unknown: ['id'],
            expressions: { [kind]: constant(name), policy_arn: constant(`arn:aws:iam::${ACCOUNT}:policy/${name}`) },
          },
        );
        return;
      }
      case 'role_managed_policy_arns': {
        // The role's own (deprecated) `managed_policy_arns` argument.
        const policy = this.managed(name, doc);
        this.role(name, origin, LAMBDA_TRUST, { managedFrom: policy });
        return;
      }
      case 'role_inline_block_document': {
        const document = this.plan.document(name, statementBlocks(doc));
        this.role(name, origin, LAMBDA_TRUST, {
          inline: [{ name: 'main', policy: this.json(document) }],
          inlineFrom: document,
        });
        return;
      }
      case 'role_source_documents':
      case 'role_deferred_source_documents': {
        // The document merged into an empty one through `source_policy_documents`.
        const role = this.role(name, origin);
        const part = this.plan.document(
          `${name}_part`,
          statementBlocks(doc),
          form.includes('deferred') ? { dependsOn: [role] } : {},
        );
        const merged = this.plan.document(name, [], { sources: [part] });
        this.inline('role', name, role, merged);
        return;
      }
      case 'user_policy':
        this.inline('user', name, this.member('user', name, origin), doc);
        return;
      case 'user_attachment':
        this.attach('user', name, this.member('user', name, origin), this.managed(name, doc));
        return;
      case 'user_policy_attachment':
        this.policyAttachment('user', name, this.member('user', name, origin), this.managed(name, doc));
        return;
      case 'user_document':
        this.inline('user', name, this.member('user', name, origin), this.plan.document(name, statementBlocks(doc)));
        return;
      case 'group_policy':
        this.inline('group', name, this.member('group', name, origin), doc);
        return;
      case 'group_attachment':
        this.attach('group', name, this.member('group', name, origin), this.managed(name, doc));
        return;
      case 'group_document':
        this.inline('group', name, this.member('group', name, origin), this.plan.document(name, statementBlocks(doc)));
        return;
    }
  }

  awsManaged(c: Case, form: (typeof TERRAFORM_MANAGED_FORMS)[number]): void {
    const name = `${form}_${snake(c.id)}`;
    const origin = { caseId: c.id, form };
    const policyName = c.managed ?? '';
    const arn = `arn:aws:iam::aws:policy/${policyName}`;
    const owner =
      form === 'aws_user_attachment'
        ? this.member('user', name, origin)
        : this.role(name, origin, LAMBDA_TRUST, form === 'aws_role_managed_policy_arns' ? { managedArns: [arn] } : {});
    const kind = form === 'aws_user_attachment' ? 'user' : 'role';
    switch (form) {
      case 'aws_role_attachment':
      case 'aws_user_attachment':
        this.plan.create(
          `aws_iam_${kind}_policy_attachment`,
          name,
          { [kind]: name, policy_arn: arn },
          { unknown: ['id'], expressions: { [kind]: ref(owner, 'name'), policy_arn: constant(arn) } },
        );
        return;
      case 'aws_role_data_policy': {
        // `data "aws_iam_policy"` looked up by name, read at plan time.
        const at = policyName.lastIndexOf('/');
        const data = this.plan.data(
          'aws_iam_policy',
          name,
          {
            arn,
            name: policyName.slice(at + 1),
            path: at < 0 ? '/' : `/${policyName.slice(0, at + 1)}`,
            path_prefix: null,
            policy: JSON.stringify(c.document),
            id: arn,
            description: '',
            policy_id: 'ANPAEXAMPLE',
            tags: {},
          },
          { name: constant(policyName.slice(at + 1)) },
        );
        this.plan.create(
          'aws_iam_role_policy_attachment',
          name,
          { role: name, policy_arn: arn },
          { unknown: ['id'], expressions: { role: ref(owner, 'name'), policy_arn: ref(data, 'arn') } },
        );
        return;
      }
      case 'aws_role_managed_policy_arns':
        // The role's own `managed_policy_arns` lists it.
        return;
      case 'aws_role_exclusive_attachments':
        this.plan.create(
          'aws_iam_role_policy_attachments_exclusive',
          name,
          { role_name: name, policy_arns: [arn] },
          { unknown: [], expressions: { role_name: ref(owner, 'name'), policy_arns: constant([arn]) } },
        );
        return;
      case 'aws_role_policy_attachment':
        this.plan.create(
          'aws_iam_policy_attachment',
          name,
          { name, roles: [name], users: null, groups: null, policy_arn: arn },
          {
            unknown: ['id'],
            expressions: {
              name: constant(name),
              roles: { references: [`${owner}.name`, owner] },
              policy_arn: constant(arn),
            },
          },
        );
        return;
    }
  }

  /** The resources symbolic cases refer to, and their .tf blocks. */
  symbolicResources(): void {
    for (const r of Object.values(SYMBOLIC_RESOURCES)) {
      this.plan.create(r.type, r.name, r.values, { unknown: ['arn', 'id', 'tags_all'] });
      this.tf.push(
        `resource "${r.type}" "${r.name}" {`,
        ...Object.entries(r.values).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`),
        '}',
        '',
      );
    }
  }

  symbolic(c: Case, form: (typeof TERRAFORM_SYMBOLIC_FORMS)[number]): void {
    const name = `${form}_${snake(c.id)}`;
    const origin = { caseId: c.id, form };
    const role = this.role(name, origin);
    const target = (token: string): string => {
      const r = SYMBOLIC_RESOURCES[token];
      return r === undefined ? role : `${r.type}.${r.name}`;
    };
    const tokens = [...new Set([...JSON.stringify(c.document).matchAll(/@(\w+)@/g)].map((m) => m[1] ?? ''))];
    const references = tokens.flatMap((t) => [`${target(t)}.arn`, target(t)]);
    // In .tf text: each placeholder an interpolation of the ARN.
    const hcl = (value: unknown, indent: string): string =>
      hclValue(value, indent).replace(/@(\w+)@/g, (_, t: string) => `\${${target(t)}.arn}`);
    if (form === 'sym_hcl' || form === 'sym_heredoc') {
      this.plan.create(
        'aws_iam_role_policy',
        name,
        { name: 'main', role: name, name_prefix: null },
        {
          unknown: ['id', 'policy'],
          expressions: { role: ref(role, 'id'), name: constant('main'), policy: { references } },
        },
      );
      const policy =
        form === 'sym_hcl'
          ? [`  policy = jsonencode(${hcl(c.document, '  ')})`]
          : [
              '  policy = <<-EOT',
              ...JSON.stringify(c.document, null, 2)
                .replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`)
                .replace(/@(\w+)@/g, (_, t: string) => `\${${target(t)}.arn}`)
                .split('\n')
                .map((line) => `    ${line}`),
              '  EOT',
            ];
      this.tf.push(
        `resource "aws_iam_role_policy" "${name}" {`,
        '  name   = "main"',
        `  role   = aws_iam_role.${name}.id`,
        ...policy,
        '}',
        '',
      );
      return;
    }
    // A document data source read at apply: its values refer to the resources; the .tf block tells how.
    const blocks = statementBlocks(c.document).map((b) => ({
      ...b,
      ...(b.resources === undefined
        ? {}
        : {
            resources: b.resources.map((r) => {
              const token = /@(\w+)@/.exec(r)?.[1];
              return token === undefined ? r : ({ ref: [target(token), 'arn'] } as unknown as string);
            }),
          }),
    }));
    const document = this.plan.document(name, blocks);
    const statements = statementBlocks(c.document).map((b) => {
      const lines = ['  statement {'];
      if (b.sid !== undefined) lines.push(`    sid       = ${hcl(b.sid, '    ')}`);
      if (b.effect !== undefined) lines.push(`    effect    = ${hcl(b.effect, '    ')}`);
      if (b.actions !== undefined) lines.push(`    actions   = ${hcl(b.actions, '    ')}`);
      if (b.resources !== undefined) lines.push(`    resources = ${hcl(b.resources, '    ')}`);
      for (const cond of b.condition ?? [])
        lines.push(
          '    condition {',
          `      test     = ${hcl(cond.test, '      ')}`,
          `      variable = ${hcl(cond.variable, '      ')}`,
          `      values   = ${hcl(cond.values, '      ')}`,
          '    }',
        );
      lines.push('  }');
      return lines.join('\n');
    });
    this.tf.push(`data "aws_iam_policy_document" "${name}" {`, ...statements, '}', '');
    if (form === 'sym_document_deferred') this.inline('role', name, role, document);
    else this.attach('role', name, role, this.managed(name, document));
  }

  readonly boundaries = new Map<string, string>();
  /** Resources of `count` or `for_each`: their one instance key. */
  readonly indexed = new Map<string, string | number>();

  /** The plan, its resources of `count` or `for_each` given their instance key. */
  toJSON(): unknown {
    const plan = this.plan.toJSON() as {
      planned_values: { root_module: { resources: Record<string, unknown>[] } };
      resource_changes: Record<string, unknown>[];
      configuration: { root_module: { resources: Record<string, unknown>[] } };
    };
    for (const entry of [...plan.planned_values.root_module.resources, ...plan.resource_changes]) {
      const key = this.indexed.get(entry['address'] as string);
      if (key === undefined) continue;
      entry['address'] = `${entry['address'] as string}[${JSON.stringify(key)}]`;
      entry['index'] = key;
    }
    for (const entry of plan.configuration.root_module.resources) {
      const key = this.indexed.get(entry['address'] as string);
      if (typeof key === 'number') entry['count_expression'] = constant(1);
      else if (key !== undefined) entry['for_each_expression'] = constant({ [key]: true });
    }
    return plan;
  }

  /** A role under the boundary of `form` (created on first use), with the case's policy inline. */
  bounded(c: Case, form: (typeof TERRAFORM_BOUNDARY_FORMS)[number]): void {
    const name = `${form}_${snake(c.id)}`;
    let boundary = this.boundaries.get(form);
    if (boundary === undefined) {
      boundary = this.managed(
        form,
        form === 'bnd_document' ? this.plan.document(form, statementBlocks(BOUNDARY)) : BOUNDARY,
        form === 'bnd_by_arn_path' ? '/boundaries/' : '/',
      );
      this.boundaries.set(form, boundary);
    }
    const role = this.role(
      name,
      { caseId: c.id, form },
      LAMBDA_TRUST,
      form === 'bnd_by_arn'
        ? { boundaryArn: `arn:aws:iam::${ACCOUNT}:policy/${form}` }
        : form === 'bnd_by_arn_path'
          ? { boundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundaries/${form}` }
          : { boundaryFrom: boundary },
    );
    this.inline('role', name, role, c.document);
  }

  /** The OIDC providers of the configuration, that trust policies name by reference. */
  providers(): void {
    for (const [name, host] of Object.entries(OIDC_PROVIDERS)) {
      const values = { url: `https://${host}`, client_id_list: ['sts.amazonaws.com'] };
      this.plan.create('aws_iam_openid_connect_provider', name, values, {
        unknown: ['arn', 'id', 'tags_all', 'thumbprint_list'],
      });
      this.tf.push(
        `resource "aws_iam_openid_connect_provider" "${name}" {`,
        `  url            = ${JSON.stringify(values.url)}`,
        '  client_id_list = ["sts.amazonaws.com"]',
        '}',
        '',
      );
    }
  }

  trust(c: Case, form: (typeof TERRAFORM_TRUST_FORMS)[number]): void {
    const name = `${form}_${snake(c.id)}`;
    const origin = { caseId: c.id, form };
    switch (form) {
      case 'trust_provider_deferred': {
        // `identifiers = [aws_iam_openid_connect_provider.x.arn]`: the document is read at apply.
        const blocks = statementBlocks(c.document).map((b) => ({
          ...b,
          ...(b.principals === undefined
            ? {}
            : {
                principals: b.principals.map((p) => ({
                  ...p,
                  identifiers: p.identifiers.map((i) => {
                    const provider = providerOf(i);
                    return provider === undefined
                      ? i
                      : ({ ref: [`aws_iam_openid_connect_provider.${provider}`, 'arn'] } as unknown as string);
                  }),
                })),
              }),
        }));
        this.role(name, origin, this.plan.document(name, blocks));
        return;
      }
      case 'trust_provider_hcl': {
        // `jsonencode` naming the provider by reference: unknown in the plan, rebuilt from the .tf file.
        const providers = [...new Set(JSON.stringify(c.document).match(/arn:aws:iam::\d+:oidc-provider\/[^"]+/g) ?? [])]
          .map(providerOf)
          .filter((p): p is string => p !== undefined);
        const address = this.plan.create(
          'aws_iam_role',
          name,
          { name, path: '/', max_session_duration: 3600, permissions_boundary: null, name_prefix: null },
          {
            unknown: [
              'arn',
              'id',
              'unique_id',
              'create_date',
              'tags_all',
              'managed_policy_arns',
              'inline_policy',
              'assume_role_policy',
            ],
            expressions: {
              name: constant(name),
              assume_role_policy: {
                references: providers.flatMap((p) => [
                  `aws_iam_openid_connect_provider.${p}.arn`,
                  `aws_iam_openid_connect_provider.${p}`,
                ]),
              },
            },
          },
        );
        this.principals.set(address, origin);
        const text = hclValue(c.document, '  ').replace(/"arn:aws:iam::\d+:oidc-provider\/[^"]+"/g, (arn) => {
          const provider = providerOf(JSON.parse(arn));
          return provider === undefined ? arn : `aws_iam_openid_connect_provider.${provider}.arn`;
        });
        this.tf.push(
          `resource "aws_iam_role" "${name}" {`,
          `  name               = "${name}"`,
          `  assume_role_policy = jsonencode(${text})`,
          '}',
          '',
        );
        return;
      }
      case 'trust_literal':
        this.role(name, origin, c.document);
        return;
      case 'trust_document':
        this.role(name, origin, this.plan.document(name, statementBlocks(c.document)));
        return;
      case 'trust_deferred': {
        // A document read at apply: it `depends_on` a resource the plan creates.
        const anchor = this.plan.create(
          'aws_ssm_parameter',
          name,
          { name: `/${name}`, type: 'String', value: name },
          { unknown: ['arn', 'id', 'tags_all', 'version'] },
        );
        this.role(name, origin, this.plan.document(name, statementBlocks(c.document), { dependsOn: [anchor] }));
        return;
      }
    }
  }
}

/** Writes `plan.json` and `main.tf` into `dir`. */
export function writeTerraform(cases: readonly Case[], dir: string): TerraformBuild {
  const b = new Builder();
  b.symbolicResources();
  b.providers();
  for (const c of cases) {
    if (c.kind === 'identity') for (const form of TERRAFORM_IDENTITY_FORMS) b.identity(c, form);
    else if (c.kind === 'managed') for (const form of TERRAFORM_MANAGED_FORMS) b.awsManaged(c, form);
    else if (c.kind === 'symbolic') for (const form of TERRAFORM_SYMBOLIC_FORMS) b.symbolic(c, form);
    else if (c.kind === 'bounded') for (const form of TERRAFORM_BOUNDARY_FORMS) b.bounded(c, form);
    else for (const form of TERRAFORM_TRUST_FORMS) b.trust(c, form);
  }
  const planFile = path.join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(b.toJSON(), null, 2));
  writeFileSync(path.join(dir, 'main.tf'), b.tf.join('\n'));
  return { planFile, hclDir: dir, principals: b.principals };
}
