/**
 * What the rules ask of the AWS action catalog. Rules depend on this narrow view, not on the
 * catalog's data files, so that they run (less precisely) when a service is unknown.
 */
import type { AccessLevel } from '../catalog/actions';

export type { AccessLevel };

/** Catalog questions; `undefined` means the catalog does not know. */
export interface ActionCatalog {
  /** The actions an action pattern (`s3:Get*`, `iam:*`, `*`) matches. */
  expand(pattern: string): readonly string[] | undefined;
  accessLevel(action: string): AccessLevel | undefined;
  /** True when the action only accepts `"Resource": "*"` (e.g. `sts:GetCallerIdentity`). */
  acceptsOnlyWildcardResource(action: string): boolean | undefined;
  /** The document of an AWS managed policy by ARN. */
  awsManagedPolicy?(arn: string): unknown;
  /** For an AWS managed policy ARN the catalog lacks, the ARN it most likely means (another case or path). */
  suggestManagedPolicy?(arn: string): string | undefined;
}

/** A catalog that knows nothing: every answer is `undefined`. */
export const EMPTY_CATALOG: ActionCatalog = {
  expand: () => undefined,
  accessLevel: () => undefined,
  acceptsOnlyWildcardResource: () => undefined,
};
