import { defineRule } from '../rule';
import type { PolicySubject } from '../rule';
import type { PolicySource, PrincipalKind } from '../../analysis/input';
import { documentSize } from '../validity/size';
import { isAwsManaged } from '../validity/common';
import {
  bothChoices,
  choiceSuffix,
  deployWays,
  deployableWith,
  knownSidesOf,
  mergedChoices,
} from '../../analysis/choices';
import type { DeployChoice } from '../../analysis/choices';

/** A size quota: its limit, whether white space counts, and what the message calls it. */
interface Quota {
  readonly limit: number;
  readonly whitespace: boolean;
  readonly what: string;
}

// "IAM and AWS STS quotas" (IAM does not count white space) and "Quotas for AWS Organizations"
// (policies saved through the API are counted as given).
const MANAGED: Quota = { limit: 6_144, whitespace: false, what: 'managed policy' };
const TRUST: Quota = { limit: 2_048, whitespace: false, what: 'role trust policy (default quota)' };
const SESSION: Quota = { limit: 2_048, whitespace: false, what: 'session policy' };
const ORGANIZATIONS: Quota = { limit: 5_120, whitespace: true, what: 'service or resource control policy' };
const INLINE: Readonly<Record<PrincipalKind, number>> = { role: 10_240, user: 2_048, group: 5_120 };
// Resource policies have one quota per service; the common ones.
const RESOURCE_QUOTAS: readonly [RegExp, Quota][] = [
  [/s3.*bucket.?policy/i, { limit: 20_480, whitespace: true, what: 'S3 bucket policy' }],
  [/kms/i, { limit: 32_768, whitespace: true, what: 'KMS key policy' }],
];

/** Policies larger than AWS accepts. */
export default defineRule({
  meta: {
    id: 'policy-validity/policy-size',
    description:
      'A policy larger than its AWS quota: 6,144 characters for a managed policy, 10,240 / 5,120 / 2,048 for all inline policies of a role / group / user, 2,048 for a trust policy, 5,120 for an SCP or RCP.',
    rationale:
      'AWS rejects an oversized policy when the stack or plan is applied, after review. Split the policy, attach a managed policy instead of growing inline ones, or use wildcards that stay least-privilege (`s3:Get*` on one bucket).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { resources: true, principals: ['role', 'user', 'group'] },
    messages: {
      tooLarge: 'policy `{{policy}}` has {{size}} characters, over the {{limit}} of a {{what}}',
      inlineTooLarge:
        'the inline policies of {{kind}} `{{principal}}` have {{size}} characters together, over the {{limit}} allowed for a {{kind}}',
      tooLargeOnSides: 'policy `{{policy}}` has {{size}} characters, over the {{limit}} of a {{what}} {{sides}}',
      inlineTooLargeOnSides:
        'the inline policies of {{kind}} `{{principal}}` have {{size}} characters together, over the {{limit}} allowed for a {{kind}} {{sides}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'a policy well under the managed policy quota',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
        },
      },
      {
        name: 'white space does not count against IAM quotas',
        type: 'identity',
        document: `{"Version": "2012-10-17", ${' '.repeat(7000)}"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`,
      },
    ],
    invalid: [
      {
        name: 'a managed policy listing hundreds of buckets',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
            },
          ],
        },
        errors: [{ messageId: 'tooLarge' }],
      },
      {
        name: 'a user with a large inline policy',
        principal: { kind: 'user', name: 'ci' },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sqs:SendMessage',
              Resource: Array.from({ length: 60 }, (_, i) => `arn:aws:sqs:us-east-1:111122223333:queue-${i}`),
            },
          ],
        },
        errors: [{ messageId: 'inlineTooLarge' }],
      },
      {
        name: 'a trust policy naming many accounts',
        principal: { kind: 'role', name: 'deploy' },
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: Array.from({ length: 80 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`) },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        errors: [{ messageId: 'tooLarge' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (isAwsManaged(subject)) return;
    const quota = quotaOf(subject);
    if (quota === undefined) return;
    const { document } = subject.source;
    // A text's length bounds its size: most documents are far under the quota and need no count.
    if (typeof document === 'string' && document.length <= quota.limit) return;
    // Each way a deploy may write it writes some of its statements: within the quota together, each is.
    if (documentSize(document, quota.whitespace) <= quota.limit) return;
    const over = overQuota(deployedWays([subject.source], quota.whitespace), quota.limit);
    if (over === undefined) return;
    const data = {
      policy: subject.source.name,
      size: over.size.toLocaleString('en-US'),
      limit: quota.limit.toLocaleString('en-US'),
      what: quota.what,
    };
    const evidence = { size: over.size, limit: quota.limit };
    if (over.sides === undefined) context.report({ messageId: 'tooLarge', data, evidence });
    else context.report({ messageId: 'tooLargeOnSides', data: { ...data, sides: over.sides }, evidence });
  },
  checkPrincipal(context, subject) {
    const { principal } = subject;
    const inline = subject.identityPolicies.filter((p) => p.attachment?.kind === 'inline');
    if (inline.length === 0) return;
    const limit = INLINE[principal.kind];
    // As in `checkPolicy`: the texts' lengths bound their size, and so do all their statements.
    let bound = 0;
    for (const { source } of inline) bound += typeof source.document === 'string' ? source.document.length : Infinity;
    if (bound <= limit) return;
    if (inline.reduce((sum, { source }) => sum + documentSize(source.document, false), 0) <= limit) return;
    const over = overQuota(
      deployedWays(
        inline.map((p) => p.source),
        false,
      ),
      limit,
    );
    if (over === undefined) return;
    const data = {
      kind: principal.kind,
      principal: principal.id,
      size: over.size.toLocaleString('en-US'),
      limit: limit.toLocaleString('en-US'),
    };
    const evidence = { size: over.size, limit, policies: inline.map((p) => p.source.name) };
    if (over.sides === undefined) context.report({ messageId: 'inlineTooLarge', data, evidence });
    else context.report({ messageId: 'inlineTooLargeOnSides', data: { ...data, sides: over.sides }, evidence });
  },
});

/** How many ways a deploy may write the documents of a principal are measured, at most. */
const MAX_WAYS = 256;

/** One way a deploy may write the documents measured: their size together, and its sides. */
interface Way {
  readonly size: number;
  /** Undefined: the only way measured (every deploy writes at least these documents). */
  readonly choice: DeployChoice | undefined;
}

/**
 * The ways a deploy may write `sources`, measured. A document made of the ways a deploy may write
 * it (a template's `Fn::If`: `statementChoices`, `statementPointers`) holds the statements of every
 * way together: each way writes those of its sides only, and of statements made of one written
 * place on one side (the values a parameter lists) the smallest, so a size over the quota is over
 * it when that way deploys, and IAM refuses the policy then. Sides that are not conditions (a
 * mapping entry may take values no statement names), or too many, leave what every way writes (see
 * `deployedEverywhere`). Each statement is measured once, each way adding up those it writes.
 */
function deployedWays(sources: readonly PolicySource[], whitespace: boolean): Way[] {
  const everywhere = (source: PolicySource): number => documentSize(deployedEverywhere(source), whitespace);
  const chosen = sources.map(
    (source) =>
      source.deployedWhen !== undefined || source.statementChoices?.some((choice) => choice !== undefined) === true,
  );
  const always = (): Way[] => [
    { size: sources.reduce((sum, source) => sum + everywhere(source), 0), choice: undefined },
  ];
  if (!chosen.includes(true)) return always();
  const choices: (DeployChoice | undefined)[] = [];
  const offsets = sources.map((source, i) => {
    const offset = choices.length;
    if (chosen[i] === true)
      choices.push(
        ...statementsOf(source).map((_, k) => bothChoices(source.statementChoices?.[k], source.deployedWhen)),
      );
    return offset;
  });
  // A way is deployed only if it takes, of the conditions each document names, sides that go together.
  const known = knownSidesOf(sources.filter((_, i) => chosen[i] === true));
  const ways = deployWays(choices, MAX_WAYS, deployableWith(known));
  if (ways === undefined) return always();
  const measured = sources.map((source, i) =>
    chosen[i] === true ? statementSizes(source, whitespace) : everywhere(source),
  );
  return ways.map(({ statements, choice }) => {
    const made = new Set(statements);
    let size = 0;
    for (const [i, part] of measured.entries()) {
      const makes = (k: number): boolean => chosen[i] !== true || made.has((offsets[i] ?? 0) + k);
      // A document measured whole (not a list of statements) is written on the side of its first.
      size += typeof part === 'number' ? (makes(0) ? part : 0) : part(makes);
    }
    return { size, choice };
  });
}

/** The statements of the document of `source` (one for a document that is not a list of them). */
function statementsOf(source: PolicySource): readonly unknown[] {
  return statementList(source.document) ?? [source.document];
}

/** The `Statement` of `document` when it is a list of statements. */
function statementList(document: unknown): unknown[] | undefined {
  const statements: unknown =
    typeof document === 'object' && document !== null && 'Statement' in document ? document.Statement : undefined;
  return Array.isArray(statements) ? statements : undefined;
}

/**
 * The size of the document of `source` a way writes, given the statements it makes: of each
 * place, the smallest. Its statements are measured once: a document's compact size is that of
 * its other members and an empty `Statement`, plus its statements' and the commas between them.
 */
function statementSizes(
  source: PolicySource,
  whitespace: boolean,
): number | ((makes: (index: number) => boolean) => number) {
  const { document, statementPointers } = source;
  const statements = statementList(document);
  if (statements === undefined || typeof document !== 'object' || document === null)
    return documentSize(document, whitespace);
  const rest = documentSize({ ...document, Statement: [] }, whitespace);
  const sizes = statements.map((statement: unknown) => documentSize(statement, false));
  return (makes) => {
    const smallest = new Map<string, number>();
    let size = rest;
    let count = 0;
    sizes.forEach((statementSize, index) => {
      if (!makes(index)) return;
      const pointer = statementPointers?.[index];
      if (pointer === undefined) {
        size += statementSize;
        count++;
        return;
      }
      const known = smallest.get(pointer);
      if (known === undefined || statementSize < known) smallest.set(pointer, statementSize);
    });
    for (const statementSize of smallest.values()) size += statementSize;
    count += smallest.size;
    return size + Math.max(0, count - 1);
  };
}

/**
 * The largest size over `limit` of the ways measured, and the sides of those over it in words
 * (`(when condition \`C\` is true)`; undefined when every way is over it); undefined when none is.
 */
function overQuota(ways: readonly Way[], limit: number): { size: number; sides: string | undefined } | undefined {
  const over = ways.filter(({ size }) => size > limit);
  if (over.length === 0) return undefined;
  const size = Math.max(...over.map((o) => o.size));
  if (over.length === ways.length) return { size, sides: undefined };
  const sides = choiceSuffix(mergedChoices(over.map((o) => o.choice))).trim();
  return { size, sides: sides === '' ? undefined : sides };
}

/**
 * What every deploy writes of a policy: its document, but for one made of the ways a deploy may
 * write it, only the statements every deploy writes (no choice, and the only statement made of its
 * written place): a size over the quota is then over it whichever way deploys.
 */
function deployedEverywhere(source: PolicySource): unknown {
  const { document, statementChoices, statementPointers } = source;
  const chosen = statementChoices?.some((choice) => choice !== undefined) === true;
  const made = new Map<string, number>();
  for (const pointer of statementPointers ?? [])
    if (pointer !== undefined) made.set(pointer, (made.get(pointer) ?? 0) + 1);
  const repeated = [...made.values()].some((count) => count > 1);
  if (!chosen && !repeated) return document;
  if (typeof document !== 'object' || document === null || !('Statement' in document)) return document;
  const statements = document.Statement;
  if (!Array.isArray(statements)) return document;
  const everywhere = (i: number): boolean => {
    const pointer = statementPointers?.[i];
    return statementChoices?.[i] === undefined && (pointer === undefined || made.get(pointer) === 1);
  };
  return { ...document, Statement: statements.filter((_, i) => everywhere(i)) };
}

/** The quota a single document is held to; inline identity policies are summed per principal instead. */
function quotaOf(subject: PolicySubject): Quota | undefined {
  switch (subject.type) {
    case 'identity':
      return subject.attachment?.kind === 'inline' || subject.attachment?.kind === 'group' ? undefined : MANAGED;
    case 'boundary':
      return MANAGED;
    case 'trust':
      return TRUST;
    case 'session':
      return SESSION;
    case 'scp':
    case 'rcp':
      return ORGANIZATIONS;
    case 'resource': {
      const type = subject.resource?.type;
      return type === undefined ? undefined : RESOURCE_QUOTAS.find(([pattern]) => pattern.test(type))?.[1];
    }
  }
}
