/** The permissions boundary of a principal as statements: its document, or the AWS managed policy its ARN names. */
import type { Statement } from '../../model/policy';
import { parsePolicy } from '../../model/parse';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PrincipalSubject } from '../rule';

/** The boundary's statements; undefined when there is no boundary or its document is not known. */
export function boundaryStatements(
  subject: PrincipalSubject,
  catalog: ActionCatalog,
): readonly Statement[] | undefined {
  if (subject.boundary !== undefined)
    return subject.boundary.parsed.ok ? subject.boundary.parsed.value.statements : undefined;
  const arn = subject.principal.permissionsBoundary?.arn;
  if (typeof arn !== 'string' || !/^arn:[^:]+:iam::aws:policy\//.test(arn)) return undefined;
  const document = catalog.awsManagedPolicy?.(arn);
  if (document === undefined) return undefined;
  const parsed = parsePolicy(document, { type: 'boundary' });
  return parsed.ok ? parsed.value.statements : undefined;
}
