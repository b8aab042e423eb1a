import { defineRule } from '../rule';
import { isSymbolic, valueToString } from '../../model/symbolic';
import { ownerOf } from '../describe';

// Same-account grants to these principals are not capped by their boundary (only grants to the
// role ARN are).
const UNCAPPED = /^arn:[^:]+:(?:iam::(\d{12}):user\/|sts::(\d{12}):assumed-role\/)/;
const V = '2012-10-17';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:jobs';

/** A same-account resource policy granting to a user or role session, which boundaries do not cap. */
export default defineRule({
  meta: {
    id: 'boundary/resource-policy-bypass',
    description:
      'With permissions boundaries in use, a resource policy grants to an IAM user or a role session (`assumed-role`) ARN of its own account: boundaries do not cap such grants.',
    rationale:
      "Within one account, a resource-based policy that names a user or a role session grants access even where the principal's permissions boundary does not allow it. Name the role ARN (the boundary then applies) or grant through the identity policy.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['resource'], resources: true },
    messages: {
      bypass:
        "{{owner}} grants to `{{principal}}` of its own account: that principal's permissions boundary does not cap this grant",
    },
  },
  examples: {
    valid: [
      {
        name: 'a grant to a role ARN',
        settings: { boundary: { required: true } },
        type: 'resource',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:role/app' },
              Action: 'sqs:SendMessage',
              Resource: QUEUE,
            },
          ],
        },
      },
      {
        name: 'boundaries not in use',
        type: 'resource',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:user/ops' },
              Action: 'sqs:SendMessage',
              Resource: QUEUE,
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a grant to a user of the account',
        settings: { boundary: { required: true } },
        type: 'resource',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:user/ops' },
              Action: 'sqs:SendMessage',
              Resource: QUEUE,
            },
          ],
        },
        errors: [{ messageId: 'bypass', pointer: '/Statement/0' }],
      },
      {
        name: 'a grant to a role session',
        settings: { boundary: { allowed: ['arn:aws:iam::*:policy/app-boundary'] } },
        type: 'resource',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:sts::111122223333:assumed-role/app/session-1' },
              Action: 'sqs:ReceiveMessage',
              Resource: QUEUE,
            },
          ],
        },
        errors: [{ messageId: 'bypass' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    const config = context.settings.boundary;
    if (config.required !== true && (config.allowed ?? []).length === 0) return;
    for (const statement of subject.parsed.value.statements) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
      const account = accountOf(subject.resource?.arn) ?? statementAccount(statement.resource?.values ?? []);
      if (account === undefined) continue;
      for (const entry of statement.principal.entries) {
        if (entry.type !== 'AWS' || isSymbolic(entry.value)) continue;
        const m = UNCAPPED.exec(entry.value);
        if (m === null || (m[1] ?? m[2]) !== account) continue;
        context.report({
          messageId: 'bypass',
          data: { owner: ownerOf(subject), principal: entry.value },
          statement,
          key: entry.value,
          evidence: { principal: entry.value },
        });
      }
    }
  },
});

function accountOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string' && !isSymbolic(arn)) return undefined;
  const field = valueToString(arn).split(':')[4];
  return field !== undefined && /^\d{12}$/.test(field) ? field : undefined;
}

// For a policy without its resource (a standalone document): the one account its resources name.
function statementAccount(values: readonly unknown[]): string | undefined {
  const accounts = new Set(values.map(accountOf));
  const [only] = [...accounts];
  return accounts.size === 1 ? only : undefined;
}
