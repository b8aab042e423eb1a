/**
 * The normalized, immutable IAM policy model. Every legal JSON form (scalars or arrays, either
 * Version, optional Sid) parses into this one shape; everything that reads policies reads this.
 */
import type { PolicyValue } from './symbolic';

/** What a policy document is used as; it decides which elements are legal. */
export type PolicyType = 'identity' | 'resource' | 'trust' | 'boundary' | 'scp' | 'rcp' | 'session';

/** `Allow` or `Deny`. */
export type Effect = 'Allow' | 'Deny';

/** The policy language version; `undefined` when the document has none (treated as 2008-10-17). */
export type PolicyVersion = '2012-10-17' | '2008-10-17' | undefined;

/** Action/NotAction or Resource/NotResource of a statement. */
export interface ValueSet<T> {
  /** True for NotAction / NotResource / NotPrincipal. */
  readonly negated: boolean;
  readonly values: readonly T[];
  /** JSON pointer of the element, e.g. `/Statement/0/Action`. */
  readonly pointer: string;
}

/** Principal kinds that IAM knows; anything else is kept and reported by validation. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** One principal entry, e.g. `{ type: 'AWS', value: 'arn:aws:iam::111122223333:root' }`. */
export interface PrincipalEntry {
  readonly type: PrincipalType | (string & {});
  readonly value: PolicyValue;
}

/** Principal/NotPrincipal. `"Principal": "*"` is `{ wildcard: true, entries: [] }`. */
export interface PrincipalSet {
  readonly negated: boolean;
  /** The bare string `"*"` form (every principal, including anonymous). */
  readonly wildcard: boolean;
  readonly entries: readonly PrincipalEntry[];
  readonly pointer: string;
}

/** Set operator prefix of a condition operator. */
export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** One key of one condition operator: `"StringLike": { "aws:userid": ["a*", "b*"] }`. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The operator without prefix and IfExists, e.g. `StringLike`. */
  readonly baseOperator: string;
  readonly ifExists: boolean;
  readonly setOperator: SetOperator | undefined;
  /** The condition key as written (keys compare case-insensitively). */
  readonly key: string;
  /** Values as strings (JSON booleans and numbers become their text), or symbolic. */
  readonly values: readonly PolicyValue[];
  /** JSON pointer of the value list, e.g. `/Statement/0/Condition/StringLike/aws:userid`. */
  readonly pointer: string;
}

/** One statement. Exactly one of action (Action or NotAction) is present in a valid policy. */
export interface Statement {
  readonly sid: string | undefined;
  readonly effect: Effect;
  readonly action: ValueSet<string> | undefined;
  readonly resource: ValueSet<PolicyValue> | undefined;
  readonly principal: PrincipalSet | undefined;
  readonly conditions: readonly ConditionClause[];
  /** Position in the document's Statement list (0 when Statement is a single object). */
  readonly index: number;
  /** JSON pointer of the statement, e.g. `/Statement/2` (or `/Statement` for a single object). */
  readonly pointer: string;
}

/** A parsed policy document. */
export interface Policy {
  readonly version: PolicyVersion;
  readonly id: string | undefined;
  readonly statements: readonly Statement[];
}

/** Severity of a problem found while parsing or validating a policy. */
export type IssueSeverity = 'error' | 'warning';

/** A problem with a policy document: machine-readable code, one-line message, where. */
export interface PolicyIssue {
  /** Stable kebab-case code, e.g. `missing-effect`, `unknown-action`. */
  readonly code: string;
  readonly severity: IssueSeverity;
  /** Lowercase, one line, user values in backticks. */
  readonly message: string;
  /** JSON pointer into the document. */
  readonly pointer: string;
  /** Machine-readable details (the offending value, a suggestion, ...). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** The file the document was read from, when the caller said (`parsePolicy` option `file`). */
  readonly file?: string;
}

/** `{ ok: true, value }` or `{ ok: false, issues }`; `issues` on success holds warnings. */
export type Result<T, E = PolicyIssue> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly E[] }
  | { readonly ok: false; readonly issues: readonly E[] };
