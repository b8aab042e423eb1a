/**
 * What the policy-validity rules share: whether the AWS catalog is there to judge against, the
 * concrete actions of a statement, and how values with policy variables are read.
 */
import { isManagedPolicyArn } from '../../catalog/managed-policies';
import type { Statement } from '../../model/policy';
import type { Hole, PolicyValue } from '../../model/symbolic';
import { SymbolicValue } from '../../model/symbolic';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PolicySubject, RuleContext } from '../rule';

/**
 * True when the catalog knows AWS actions. The catalog-based checks say nothing without it:
 * with an empty catalog every action would look unknown.
 */
export function catalogKnowsActions(catalog: ActionCatalog): boolean {
  let knows = knowing.get(catalog);
  if (knows === undefined) knowing.set(catalog, (knows = catalog.expand('sts:GetCallerIdentity') !== undefined));
  return knows;
}

// Asked by several rules on every policy; the answer is the catalog's.
const knowing = new WeakMap<ActionCatalog, boolean>();

/** AWS maintains its managed policies; their quirks are not the user's to fix. */
export function isAwsManaged(subject: PolicySubject): boolean {
  // A boundary read from the catalog is named by its ARN (`arn:aws:iam::aws:policy/ReadOnlyAccess`).
  if (subject.type === 'boundary' && isManagedPolicyArn(subject.source.id)) return true;
  const attachment = subject.attachment;
  if (attachment?.kind === 'aws-managed') return true;
  // Held through a group: the attachment names the group, the ARN still says whose policy it is.
  return typeof attachment?.arn === 'string' && isManagedPolicyArn(attachment.arn) && attachment.policy === undefined;
}

/** `service:name` with wildcards, the only action form the catalog can judge (others are parser issues). */
export const ACTION_FORM = /^[A-Za-z0-9-]+:[A-Za-z0-9*?-]+$/;

/**
 * The concrete actions of a statement's `Action` element, or undefined when they cannot all be
 * known (NotAction, `*`, an action the catalog does not know).
 */
export function concreteActions(catalog: ActionCatalog, statement: Statement): string[] | undefined {
  const set = statement.action;
  if (set === undefined || set.negated) return undefined;
  const actions = new Set<string>();
  for (const pattern of set.values) {
    if (pattern === '*' || !ACTION_FORM.test(pattern)) return undefined;
    const expanded = catalog.expand(pattern);
    if (expanded === undefined) return undefined;
    for (const action of expanded) actions.add(action);
  }
  return [...actions];
}

const VARIABLE = /\$\{[^}]*\}/g;

/**
 * A value with its policy variables (`${aws:username}`) read as `*`: the variable resolves to
 * some text at request time, so it may stand for anything (and its `:` is no ARN separator).
 */
export function withVariablesAsWildcards(value: PolicyValue): PolicyValue {
  if (typeof value === 'string') return value.includes('${') ? value.replace(VARIABLE, '*') : value;
  if (!value.parts.some((p) => typeof p === 'string' && p.includes('${'))) return value;
  return new SymbolicValue(value.parts.map((p) => (typeof p === 'string' ? p.replace(VARIABLE, '*') : p)));
}

// `${*}`, `${?}` and `${$}` stand for the characters themselves, not for a value.
const ESCAPES = new Set(['${*}', '${?}', '${$}']);

/**
 * A value with each policy variable (`${aws:username}`) or template placeholder (`${bucket_name}`)
 * read as a hole: one value, known at request time or when the template is rendered, rather than
 * any text. In `arn:aws:s3:::${bucket_name}` it is the bucket's name, which holds no `/`: the ARN is
 * a bucket, never an object. The escapes `${*}`, `${?}` and `${$}` are read as `*`.
 */
export function withVariablesAsHoles(value: PolicyValue): PolicyValue {
  const parts = typeof value === 'string' ? [value] : value.parts;
  if (!parts.some((p) => typeof p === 'string' && p.includes('${'))) return value;
  const split: (string | Hole)[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      split.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.matchAll(VARIABLE)) {
      split.push(part.slice(last, match.index));
      const variable = match[0];
      const name = variable.slice(2, -1);
      split.push(ESCAPES.has(variable) ? '*' : { id: `policy-variable:${name}`, source: name });
      last = match.index + variable.length;
    }
    split.push(part.slice(last));
  }
  return new SymbolicValue(split);
}

/** `; did you mean \`x\`?` or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
}

/** Reports the parser's issues of one severity, one finding per issue (AWS managed policies aside). */
export function reportParserIssues(
  context: RuleContext<'issue'>,
  subject: PolicySubject,
  severity: 'error' | 'warning',
): void {
  if (isAwsManaged(subject)) return;
  for (const issue of subject.parsed.issues) {
    // A value known only at deploy is reported once, with the errors, whether it made the whole
    // policy unreadable or only left its element out (a warning then: the rest was read).
    const deployTime = issue.code === 'deploy-time-value';
    if (deployTime ? severity !== 'error' : issue.severity !== severity) continue;
    if (deployTime) {
      // Not invalid: known only at deploy, so the policy cannot be checked before it.
      const value = issue.params?.['value'];
      context.reportUnverifiable({
        reason: `policy \`${subject.source.name}\`: ${issue.message}`,
        pointer: issue.pointer,
        values: typeof value === 'string' ? [value] : [],
      });
      continue;
    }
    context.report({
      messageId: 'issue',
      data: { policy: subject.source.name, message: issue.message },
      pointer: issue.pointer,
      key: `${issue.code} ${issue.message}`,
      evidence: { code: issue.code, ...(issue.params ? { params: issue.params } : {}) },
    });
  }
}
