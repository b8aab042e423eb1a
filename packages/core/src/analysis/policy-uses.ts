/**
 * How the input uses its customer managed policies that nothing attaches: a policy that a role or
 * user of the input has as its permissions boundary, or that an `iam:PermissionsBoundary`
 * condition names (a delegation that lets roles be created only with it as their boundary), is a
 * boundary: it grants nothing, and the engine reads it with the boundary rules instead of as an
 * identity policy of its own. One an `iam:PolicyARN` condition names is to be attached: a grant.
 */
import { matchPolicyValue } from '../match/value';
import type { Statement } from '../model/policy';
import type { PolicyValue } from '../model/symbolic';
import { valueToString } from '../model/symbolic';

const BOUNDARY_KEY = 'iam:permissionsboundary';
const POLICY_KEY = 'iam:policyarn';

/** The ARNs the input names as boundaries and as policies to attach, collected while it is read. */
export class PolicyUses {
  private readonly boundaries: PolicyValue[] = [];
  private readonly attached: PolicyValue[] = [];

  /** Notes a principal's permissions boundary ARN. */
  addBoundary(arn: PolicyValue | undefined): void {
    if (arn !== undefined) this.boundaries.push(arn);
  }

  /** Notes the policy ARNs the conditions of these statements name. */
  addStatements(statements: readonly Statement[]): void {
    for (const statement of statements)
      for (const clause of statement.conditions) {
        const key = clause.key.toLowerCase();
        // Whatever the operator: `StringEquals` on an Allow and `StringNotEquals` on a Deny both
        // name the one boundary the principals created must carry.
        if (key === BOUNDARY_KEY) this.boundaries.push(...clause.values.filter(namesOnePolicy));
        else if (key === POLICY_KEY) this.attached.push(...clause.values.filter(namesOnePolicy));
      }
  }

  /** Whether the input uses the policy of this ARN as a permissions boundary. */
  isBoundary(arn: PolicyValue): boolean {
    return this.boundaries.some((value) => names(value, arn));
  }

  /** Whether a condition of the input names the policy of this ARN as one to attach. */
  isAttached(arn: PolicyValue): boolean {
    return this.attached.some((value) => names(value, arn));
  }
}

/**
 * A value naming one policy: a wildcard in its account or partition is any account's policy of
 * that name, but one in the name (`policy/*`, `policy/app-*`) may name policies that are grants.
 */
function namesOnePolicy(value: PolicyValue): boolean {
  const text = valueToString(value);
  const name = text.slice(text.lastIndexOf('/') + 1);
  return /:policy\//i.test(text) && name !== '' && !/[*?]/.test(name);
}

function names(value: PolicyValue, arn: PolicyValue): boolean {
  return valueToString(value) === valueToString(arn) || matchPolicyValue(value, arn) === 'match';
}
