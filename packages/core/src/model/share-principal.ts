/**
 * The principal a share grants to (an AWS RAM share, a license grant, an account authorization), as
 * the `Principal` and `Condition` of the statement that grants it. Adapters build the statement;
 * the rules judge it.
 */
import { SymbolicValue } from './symbolic';
import type { Hole, PolicyValue } from './symbolic';

/**
 * An organization (its ARN, or its bare `o-` id when written out) as every principal of it
 * (`aws:PrincipalOrgID`), an organizational unit by ARN as every principal under it
 * (`aws:PrincipalOrgPaths`), an account id as its root, any other ARN as it is. A value known only
 * after deploy is read by the text written around it: `arn:${AWS::Partition}:organizations::${AWS::AccountId}:organization/${OrgId}`
 * is an organization whose id is `${OrgId}`; a value that is not an ARN is an account.
 */
export function sharePrincipal(principal: PolicyValue, partition = 'aws'): Record<string, unknown> {
  const { text, back } = encoded(principal);
  const organization =
    /^arn:[^:]*:organizations::[^:/]*:organization\/([^:/]+)$/.exec(text) ??
    (typeof principal === 'string' ? /^(o-[a-z0-9]{10,32})$/.exec(text) : null);
  if (organization !== null) {
    const id = back(organization[1] ?? '');
    if (typeof id !== 'string' || /^o-[a-z0-9]{10,32}$/.test(id))
      return { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': id } } };
  }
  const unit = /^arn:[^:]*:organizations::[^:/]*:ou\/([^:/]+)\/([^:/]+)$/.exec(text);
  if (unit !== null) {
    const path = back(`${unit[1] ?? ''}/*/${unit[2] ?? ''}/*`);
    return { Principal: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': path } } };
  }
  if (typeof principal === 'string')
    return { Principal: { AWS: /^\d{12}$/.test(principal) ? `arn:${partition}:iam::${principal}:root` : principal } };
  // An account only known after deploy (a parameter) as its root, as a written account id is.
  if (text.startsWith('arn:')) return { Principal: { AWS: principal } };
  return { Principal: { AWS: new SymbolicValue([`arn:${partition}:iam::`, ...principal.parts, ':root']) } };
}

/**
 * The value as text, each hole a mark no ARN holds, and the way back from a slice of that text to
 * a value (plain text when no hole is in it).
 */
function encoded(value: PolicyValue): { text: string; back: (slice: string) => PolicyValue } {
  if (typeof value === 'string') return { text: value, back: (slice) => slice };
  const holes: Hole[] = [];
  const text = value.parts
    .map((p) => (typeof p === 'string' ? p : `\u0000${String(holes.push(p) - 1)}\u0000`))
    .join('');
  const back = (slice: string): PolicyValue => {
    const pieces = slice.split('\u0000');
    // Odd pieces are hole indexes.
    const parts = pieces.map((piece, i) => (i % 2 === 1 ? (holes[Number(piece)] as Hole) : piece));
    const joined = new SymbolicValue(parts);
    return joined.parts.every((p) => typeof p === 'string') ? joined.parts.join('') : joined;
  };
  return { text, back };
}
