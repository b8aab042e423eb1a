/** Types of scripts/metamorphic-rewrites.js, for the test that runs the metamorphic comparison. */

/** What the rewrites need of the catalog. */
export interface RewriteTools {
  readonly expandActionPattern?: (pattern: string) => readonly string[];
}

/** A meaning-preserving rewrite: the new document, or undefined when it does not apply. */
export type Rewrite = (document: unknown) => unknown;

/** A (rewrite, rule) pair whose findings may change with the form, and why. */
export interface AllowedChange {
  readonly rewrite: string;
  readonly rule: string;
  readonly reason: string;
}

/** What the comparison reads of a finding. */
export interface ComparedFinding {
  readonly ruleId: string;
  readonly severity: string;
}

/** The rewrites by name. */
export declare function makeRewrites(tools?: RewriteTools): Record<string, Rewrite>;
/** `rule severity` keys present before and not after (`lost`) or after and not before (`gained`). */
export declare function compareFindings(
  rewrite: string,
  before: readonly ComparedFinding[],
  after: readonly ComparedFinding[],
): { lost: string[]; gained: string[] };
/** `rule severity` of each finding, sorted. */
export declare function findingKeys(findings: readonly ComparedFinding[]): string[];
/** Whether a change of `rule` after `rewrite` is allowed. */
export declare function allowedChange(rewrite: string, rule: string): boolean;
export declare const ALLOWED_CHANGES: readonly AllowedChange[];
export declare const COMPARE_AS_SETS: ReadonlySet<string>;
