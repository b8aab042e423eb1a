/**
 * An action that the principal's permissions boundary allows on some resources only: the
 * identity policy's `*` then reaches only the resources the boundary names (a bucket prefix, a
 * role path, resources by tag), so "on every resource" is not what the principal may do. So does
 * an unconditional Deny that refuses the action outside the resources of its `NotResource`. Read
 * by the rules that report actions allowed on every resource.
 */
import type { Statement } from '../../model/policy';
import { parsePolicy } from '../../model/parse';
import type { PolicySubject } from '../rule';
import { actionMatches } from '../statement-helpers';
import { constrainingClauses, coversAllResourcesOf, isUnrestrictedArn } from './grants';

/**
 * Whether something beside the granting statement confines `action` to some resources: the
 * principal's permissions boundary ({@link boundaryConfines}), or an unconditional Deny of its
 * identity policies or of its boundary that refuses the action on every resource but those it
 * names in `NotResource` (the "allow `s3:*` on `*`, deny it outside the team's bucket" form).
 */
export function confinedElsewhere(subject: PolicySubject, action: string): boolean {
  return boundaryConfines(subject, action) || denyConfines(subject, action);
}

function denyConfines(subject: PolicySubject, action: string): boolean {
  return (
    confiningDenies(subject).some((s) => actionMatches(s, action)) ||
    boundaryDenies(subject).some((s) => isConfiningDeny(s) && actionMatches(s, action))
  );
}

function isConfiningDeny(s: Statement): boolean {
  return (
    s.effect === 'Deny' &&
    s.conditions.length === 0 &&
    s.resource?.negated === true &&
    s.resource.values.length > 0 &&
    !s.resource.values.some(isUnrestrictedArn)
  );
}

/**
 * The unconditional Deny statements with a `NotResource` that names some resources among the
 * principal's policies (or the policy alone), gathered once per list of policies: the rules ask for every action of
 * every statement, and a principal with thousands of statements made that a quadratic scan.
 */
function confiningDenies(subject: PolicySubject): readonly Statement[] {
  const key = subject.identityPolicies ?? subject;
  const policies = subject.identityPolicies ?? [subject];
  // The engine fills a principal's list before any rule reads it; the count guards a list read
  // while it is still being filled.
  const cached = deniesOf.get(key);
  if (cached?.count === policies.length) return cached.statements;
  const statements = policies.flatMap((policy) =>
    policy.parsed.ok ? policy.parsed.value.statements.filter(isConfiningDeny) : [],
  );
  deniesOf.set(key, { count: policies.length, statements });
  return statements;
}

/**
 * Whether the boundary of the subject's principal allows `action`, but in no statement that
 * reaches every resource without a condition that picks some. A boundary the input does not
 * hold, or cannot parse, confines nothing; one that allows the action nowhere blocks it
 * (`blockedEverywhere` answers that). Resources picked by their tags count as some resources.
 */
function boundaryConfines(subject: PolicySubject, action: string): boolean {
  const allowing = boundaryAllows(subject).filter((s) => actionMatches(s, action));
  return allowing.length > 0 && !allowing.some((s) => coversAllResourcesOf(s) && !selectsResourcesByTag(s));
}

/**
 * The Allow statements of the subject's principal's permissions boundary, parsed once per
 * boundary; none when it has no boundary, or one the input does not hold or cannot parse.
 */
export function boundaryAllows(subject: PolicySubject): readonly Statement[] {
  return boundaryRead(subject).allows;
}

/** The Deny statements of the principal's permissions boundary, as {@link boundaryAllows} reads it. */
function boundaryDenies(subject: PolicySubject): readonly Statement[] {
  return boundaryRead(subject).denies;
}

interface BoundaryRead {
  readonly allows: readonly Statement[];
  readonly denies: readonly Statement[];
}

const NO_BOUNDARY: BoundaryRead = { allows: [], denies: [] };

function boundaryRead(subject: PolicySubject): BoundaryRead {
  const source = subject.principal?.permissionsBoundary?.policy;
  if (source === undefined || source.unresolved !== undefined || source.document === undefined) return NO_BOUNDARY;
  let read = readOf.get(source);
  if (read === undefined) {
    const parsed = parsePolicy(source.document, { type: 'boundary' });
    const statements = parsed.ok ? parsed.value.statements : [];
    read = {
      allows: statements.filter((s) => s.effect === 'Allow'),
      denies: statements.filter((s) => s.effect === 'Deny'),
    };
    readOf.set(source, read);
  }
  return read;
}

// Only a test of the resource's own tags picks resources; one on the caller, the network, the
// time or the request (`iam:PassedToService`, request tags) still lets every resource through.
const RESOURCE_TAG_KEY = /^[a-z0-9-]+:resourcetag\//i;

function selectsResourcesByTag(statement: Statement): boolean {
  return constrainingClauses(statement, (c) => !RESOURCE_TAG_KEY.test(c.key)).length > 0;
}

const readOf = new WeakMap<object, BoundaryRead>();
const deniesOf = new WeakMap<object, { count: number; statements: readonly Statement[] }>();
