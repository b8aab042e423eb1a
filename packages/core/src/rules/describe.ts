/** How rule messages name things. */
import type { PolicySubject } from './rule';
import type { Statement } from '../model/policy';
import { valueToString } from '../model/symbolic';
import { actionResourceMatch } from '../catalog/resource-types';

/**
 * The owner of a policy as messages name it: `role \`app\`` or `policy \`name\``. A group is
 * named by its members (`a member of group \`ops\``): it never acts itself, and what a member
 * may do depends on the member's own boundary, which the group's finding cannot know (the members
 * in the input are judged one by one, each with its boundary).
 */
export function ownerOf(subject: PolicySubject): string {
  if (subject.principal?.kind === 'group') return `a member of group \`${subject.principal.id}\``;
  if (subject.principal) return `${subject.principal.kind} \`${subject.principal.id}\``;
  if (subject.resource?.grantedBy === 'acl') return `the ACL set by \`${subject.resource.id}\``;
  if (subject.resource?.label !== undefined) return subject.resource.label;
  if (subject.resource) return `resource \`${subject.resource.id}\``;
  return `policy \`${subject.source.name}\``;
}

/** How a principal is named in a message: its name when known before deploy, else its id (address or path). */
export function principalLabel(principal: { readonly id: string; readonly name?: unknown }): string {
  return typeof principal.name === 'string' ? principal.name : principal.id;
}

/** A list of values as `a`, `b` and 3 more. */
export function listValues(values: readonly string[], max = 3): string {
  const shown = values.slice(0, max).map((v) => `\`${v}\``);
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

// The path and name of an IAM principal or policy in its ARN: what a reader knows it by.
const IAM_NAMED = /^arn:[^:]*:iam::[^:]*:(?:role|user|group|policy)\/(.+)$/;

/**
 * The resources a statement's `NotResource` keeps out of `action`, named briefly (their path and
 * name, not the whole ARN): those `action` may act on (not a bucket beside `iam:PassRole`). Empty
 * when the statement has a `Resource`.
 */
export function excludedNames(statement: Statement, action: string): string[] {
  const set = statement.resource;
  if (set?.negated !== true) return [];
  const names = set.values.flatMap((value) => {
    if (actionResourceMatch(action, value) === 'no-match') return [];
    const text = valueToString(value);
    return [IAM_NAMED.exec(text)?.[1] ?? text];
  });
  return [...new Set(names)];
}
