/**
 * Which escalation paths a principal's permissions open: each path's actions must all be allowed
 * on every resource they accept (or, for self-escalation actions, on the principal itself), not
 * cut by a condition, a deny or the boundary. A path is reported once, in the policy that grants
 * its first action, and only when no shorter path with a subset of its actions is also open.
 */
import { matchWildcard } from '../../match/wildcard';
import type { PolicyValue } from '../../model/symbolic';
import type { ConditionClause, Statement } from '../../model/policy';
import type { PolicySubject, RuleContext } from '../rule';
import { actionMatches } from '../statement-helpers';
import { ESCALATION_PATHS, SELF_TARGETS } from './escalation-paths';
import type { EscalationFamily, EscalationPath } from './escalation-paths';
import type { OwnedStatement } from './grants';
import {
  constrainingClauses,
  coversAllResourcesOf,
  isFullAccess,
  isRequestTagClause,
  namesOneOf,
  principalStatements,
} from './grants';

/** How one action of a path is granted. */
export interface PathGrant {
  readonly action: string;
  readonly grant: OwnedStatement;
  /** True when granted only on the principal itself (or a policy attached to it). */
  readonly self: boolean;
}

/** An open path with the statements that open it. */
export interface OpenPath {
  readonly path: EscalationPath;
  readonly grants: readonly PathGrant[];
  /** Longer open paths this one makes redundant. */
  readonly covers: readonly EscalationPath[];
}

const PASSED_TO_SERVICE = 'iam:passedtoservice';

const cache = new WeakMap<PolicySubject, readonly OpenPath[]>();

/** The open paths of the subject's principal (or standalone policy), shortest first. */
export function openPaths(context: RuleContext<string>, subject: PolicySubject): readonly OpenPath[] {
  const cached = cache.get(subject);
  if (cached) return cached;
  const statements = principalStatements(subject, context.catalog);
  const self = selfTargets(subject);
  const blocked = new Map<string, boolean>();
  const isBlocked = (action: string): boolean => {
    let answer = blocked.get(action);
    if (answer === undefined) blocked.set(action, (answer = context.permissions.blockedEverywhere(action) === 'yes'));
    return answer;
  };
  const open: { path: EscalationPath; grants: PathGrant[] }[] = [];
  for (const path of ESCALATION_PATHS) {
    const grants: PathGrant[] = [];
    for (const action of path.actions) {
      if (isBlocked(action)) break;
      const grant = findGrant(statements, action, path, self);
      if (!grant) break;
      grants.push(grant);
    }
    if (grants.length === path.actions.length) open.push({ path, grants });
  }
  const result = open
    .filter((candidate) => !open.some((other) => isStrictSubset(other.path, candidate.path)))
    .map((kept) => ({
      ...kept,
      covers: open.filter((other) => isStrictSubset(kept.path, other.path)).map((o) => o.path),
    }));
  cache.set(subject, result);
  return result;
}

function isStrictSubset(a: EscalationPath, b: EscalationPath): boolean {
  const lower = new Set(b.actions.map((x) => x.toLowerCase()));
  return a.actions.length < b.actions.length && a.actions.every((x) => lower.has(x.toLowerCase()));
}

function findGrant(
  statements: readonly OwnedStatement[],
  action: string,
  path: EscalationPath,
  self: { principal: PolicyValue[]; policies: PolicyValue[] },
): PathGrant | undefined {
  const selfKind = SELF_TARGETS[action.toLowerCase()];
  const targets = selfKind === 'principal' ? self.principal : selfKind === 'attached-policy' ? self.policies : [];
  for (const owned of statements) {
    const { statement } = owned;
    if (statement.effect !== 'Allow' || !actionMatches(statement, action)) continue;
    // Request tags are the caller's choice: a path conditioned on them is still open.
    const tolerated = (c: ConditionClause): boolean => isRequestTagClause(c) || passesToService(c, action, path);
    if (constrainingClauses(statement, tolerated).length > 0) continue;
    if (coversAllResourcesOf(statement)) return { action, grant: owned, self: false };
    if (namesOneOf(statement, targets)) return { action, grant: owned, self: true };
  }
  return undefined;
}

// An `iam:PassedToService` condition does not stop the path when it lets the role go to the
// path's service.
function passesToService(
  clause: { key: string; values: readonly PolicyValue[] },
  action: string,
  path: EscalationPath,
): boolean {
  if (action.toLowerCase() !== 'iam:passrole' || clause.key.toLowerCase() !== PASSED_TO_SERVICE) return false;
  const services = path.passedTo ?? [];
  return clause.values.some(
    (v) => typeof v === 'string' && services.some((s) => matchWildcard(v, s, { ignoreCase: true })),
  );
}

function selfTargets(subject: PolicySubject): { principal: PolicyValue[]; policies: PolicyValue[] } {
  const principal = subject.principal;
  if (!principal) return { principal: [], policies: [] };
  return {
    principal: principal.arn !== undefined ? [principal.arn] : [],
    policies: principal.policies
      .filter((p) => p.kind === 'managed' && p.arn !== undefined)
      .map((p) => p.arn as PolicyValue),
  };
}

/** A report of one open path, ready for `context.report`. */
export interface PathReport {
  readonly path: EscalationPath;
  readonly statement: Statement;
  readonly self: boolean;
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** The open paths of `family` this subject's policy is to report (it grants their first action). */
export function pathsToReport(
  context: RuleContext<string>,
  subject: PolicySubject,
  family: EscalationFamily,
): PathReport[] {
  if (!subject.parsed.ok) return [];
  const reports: PathReport[] = [];
  for (const { path, grants, covers } of openPaths(context, subject)) {
    if (path.family !== family) continue;
    const key = grants[0];
    if (key === undefined || key.grant.policyId !== subject.source.id) continue;
    // Every action on every resource is reported as administrator access (admin-access/full-access).
    if (grants.every((g) => isFullAccess(g.grant.statement))) continue;
    reports.push({
      path,
      statement: key.grant.statement,
      self: grants.some((g) => g.self),
      evidence: {
        path: path.id,
        ...(path.url ? { url: path.url } : {}),
        actions: path.actions,
        grantedBy: grants.map((g) => ({
          action: g.action,
          policy: g.grant.policyName,
          pointer: g.grant.statement.pointer,
          ...(g.self ? { onItself: true } : {}),
        })),
        ...(path.cloudsplaining.length > 0 ? { cloudsplaining: path.cloudsplaining } : {}),
        ...(covers.length > 0 ? { alsoOpens: covers.map((c) => c.id) } : {}),
      },
    });
  }
  return reports;
}
