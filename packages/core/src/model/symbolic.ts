/**
 * Values not known before deploy (CDK tokens, CloudFormation intrinsics, Terraform "known after
 * apply"). A symbolic value is a template: literal text with holes, each hole one specific value
 * that will exist after deploy ("the name of table Orders"). It is never a wildcard.
 */

/** One value unknown before deploy, with where it comes from. */
export interface Hole {
  /** Stable identity: two holes with the same id stand for the same value. */
  readonly id: string;
  /** Human provenance, e.g. `aws_s3_bucket.logs.arn` or `the ARN of table Orders`. */
  readonly source: string;
  /**
   * True when the hole is not one value but whatever text an unread part of the value adds (the
   * rest of a resource list Terraform only knows in part): it may run on past a name, `/` and all.
   */
  readonly anyText?: boolean;
  /**
   * The values an input given at deploy may take, when its declaration lists them (a
   * CloudFormation parameter's `AllowedValues`): a check can judge each instead of none.
   */
  readonly values?: readonly string[];
  /**
   * True when the hole is the id of the organization the input itself creates or reads through
   * the deployer's own account (a Terraform `aws_organizations_organization`, a CloudFormation
   * `AWS::Organizations::Organization`): the deployer's organization, not one an input may name.
   */
  readonly ownOrganization?: boolean;
  /**
   * True when the hole is computed from an input given at deploy although its id does not say so
   * (a CloudFormation `Fn::Join` of a list parameter, `Fn::Select` at an index given at deploy):
   * like the input, it may be anything of its shape, `*` as well as one name.
   */
  readonly input?: boolean;
  /**
   * Why the value is not known although the input could tell it, and what would make it known
   * (`known once a \`region\` is set on ...`, for a load balancers' account with no Region set):
   * a check that cannot decide says it instead of `only known after deploy`.
   */
  readonly knownWith?: string;
}

/** A string value some of whose parts are unknown before deploy. */
export class SymbolicValue {
  /** Literal strings and holes, in order; adjacent literals are merged, never empty. */
  readonly parts: readonly (string | Hole)[];

  constructor(parts: readonly (string | Hole)[]) {
    const merged: (string | Hole)[] = [];
    for (const part of parts) {
      if (typeof part === 'string') {
        if (part === '') continue;
        const last = merged[merged.length - 1];
        if (typeof last === 'string') merged[merged.length - 1] = last + part;
        else merged.push(part);
      } else {
        merged.push(part);
      }
    }
    this.parts = Object.freeze(merged);
    Object.freeze(this);
  }

  /** A readable rendering: holes as `${source}`. */
  toString(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : '${' + p.source + '}')).join('');
  }

  /** The holes of this value. */
  holes(): Hole[] {
    return this.parts.filter((p): p is Hole => typeof p !== 'string');
  }

  /** True when both values are the same template with the same holes. */
  equals(other: SymbolicValue): boolean {
    if (other.parts.length !== this.parts.length) return false;
    return this.parts.every((p, i) => {
      const q = other.parts[i];
      if (typeof p === 'string' || typeof q === 'string') return p === q;
      return q !== undefined && p.id === q.id;
    });
  }
}

/** A policy value as written (a string) or known only after deploy. */
export type PolicyValue = string | SymbolicValue;

/** True when the value is only known after deploy. */
export function isSymbolic(value: unknown): value is SymbolicValue {
  return value instanceof SymbolicValue;
}

/**
 * The value as text with each unknown part written as `stand`: `x` reads a hole as one specific
 * name, `*` as any text, a control character as a mark no literal text has.
 */
export function textWithHolesAs(value: PolicyValue, stand: string): string {
  return typeof value === 'string' ? value : value.parts.map((p) => (typeof p === 'string' ? p : stand)).join('');
}

// Holes the adapters make for the inputs of a template or configuration, chosen by whoever deploys
// it: a CloudFormation parameter (`<stack>:param:<name>`), an import, a dynamic reference, a
// Terraform variable (`var.<name>`). Unlike a resource's attribute, such a value may be anything.
const INPUT_HOLE = /:param:|^import:|^dynref:|^var\./;

/**
 * True when the hole is an input given at deploy (a parameter, a variable) or computed from one
 * (`input`), not a resource's attribute.
 */
export function isInputHole(hole: Hole): boolean {
  return hole.input === true || INPUT_HOLE.test(hole.id);
}

/** True when the whole value is one input given at deploy (`${var.role_arn}`): it may be `*` as well as one name. */
export function isWhollyInput(value: PolicyValue): boolean {
  // Asked of every Resource value of every statement by several rules: read without copying parts.
  if (typeof value === 'string' || value.parts.length !== 1) return false;
  const only = value.parts[0];
  return only !== undefined && typeof only !== 'string' && isInputHole(only);
}

/** The value as text, holes rendered with their provenance. */
export function valueToString(value: PolicyValue): string {
  return typeof value === 'string' ? value : value.toString();
}
