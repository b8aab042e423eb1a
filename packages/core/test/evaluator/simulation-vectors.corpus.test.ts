/**
 * Agreement with the simulation vectors of the reference implementation
 * (../shared/corpus/iam-simulate/simulationEngineIntegrationTests): a request (often for a set of
 * resources, `*` or `arn:aws:s3:::bucket/*`: is ANY of them allowed?) against identity, boundary,
 * resource, SCP and RCP policies, with the overall decision the reference expects. Vectors of its
 * discovery mode and of its input errors have no counterpart here and are left out (counted).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { acceptsOnlyWildcardResource, evaluate, readCase } from '@iamgate/core';

const root = join(__dirname, '../../../../../shared/corpus/iam-simulate/simulationEngineIntegrationTests');

interface NamedPolicy {
  readonly policy: unknown;
}

interface Vector {
  readonly name: string;
  readonly simulation: {
    readonly request: {
      readonly principal: string;
      readonly action: string;
      readonly resource: { readonly resource: string; readonly accountId: string };
      readonly contextVariables?: Record<string, unknown>;
    };
    readonly identityPolicies?: readonly NamedPolicy[];
    readonly permissionBoundaryPolicies?: readonly NamedPolicy[];
    readonly resourcePolicy?: unknown;
    readonly serviceControlPolicies?: readonly { readonly policies: readonly NamedPolicy[] }[];
    readonly resourceControlPolicies?: readonly { readonly policies: readonly NamedPolicy[] }[];
  };
  readonly simulationOptions?: { readonly simulationMode?: string };
  readonly expected: { readonly resultType: string; readonly overallResult?: string };
}

const ALLOW_ALL_RCP = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** The vector as a case of `iamgate simulate` (the reference adds the default allow-all RCP itself). */
function caseOf(vector: Vector): unknown {
  const s = vector.simulation;
  const r = s.request;
  const boundary = s.permissionBoundaryPolicies?.[0];
  return {
    request: {
      principal: r.principal,
      action: r.action,
      resource: r.resource.resource,
      resourceAccount: r.resource.accountId,
      context: r.contextVariables ?? {},
    },
    identityPolicies: (s.identityPolicies ?? []).map((p) => p.policy),
    ...(boundary !== undefined ? { permissionsBoundary: boundary.policy } : {}),
    ...(s.resourcePolicy ? { resourcePolicy: s.resourcePolicy } : {}),
    ...(s.serviceControlPolicies?.length
      ? { serviceControlPolicies: s.serviceControlPolicies.map((level) => level.policies.map((p) => p.policy)) }
      : {}),
    ...(s.resourceControlPolicies?.length
      ? {
          resourceControlPolicies: s.resourceControlPolicies.map((level) => [
            ALLOW_ALL_RCP,
            ...level.policies.map((p) => p.policy),
          ]),
        }
      : {}),
  };
}

const all = jsonFiles(root)
  .sort()
  .flatMap((file) =>
    (JSON.parse(readFileSync(file, 'utf8')) as Vector[]).map((vector) => ({
      id: `${relative(root, file)}: ${vector.name}`,
      vector,
    })),
  );
const comparable = all.filter(
  ({ vector }) => vector.simulationOptions?.simulationMode !== 'Discovery' && vector.expected.resultType !== 'error',
);

/**
 * Vectors the reference decides against the AWS documentation: what iamgate answers instead, and
 * why. Each is asserted, so a change of either side shows.
 */
const DIVERGENCES: Readonly<Record<string, { readonly refused?: string; readonly decision?: string }>> = {
  // The account root user of 222222222222 assumes a role under an identity policy. No identity
  // policy can be attached to the root user (IAM User Guide, root user), and "You cannot use AWS
  // account root user credentials to call AssumeRole" (STS API Reference, AssumeRole): the case is
  // refused; without the identity policy the request is implicitly denied.
  'edgeCases/allowNotArnLike.json: no allowed patterns found': { refused: '/identityPolicies' },
};

describe('request evaluation agrees with the reference simulation vectors', () => {
  it('reads the corpus: 56 vectors, 53 of them comparable', () => {
    expect(all.length).toBe(56);
    expect(comparable.length).toBe(53);
  });

  it.each(Object.entries(DIVERGENCES))(
    'diverges from the reference on %s, as the AWS documentation says',
    (id, ours) => {
      const vector = comparable.find((v) => v.id === id)?.vector;
      if (vector === undefined) throw new Error(`no vector ${id}`);
      const read = readCase(caseOf(vector));
      if (ours.refused !== undefined) {
        expect(read.ok ? undefined : read.error.pointer).toBe(ours.refused);
        return;
      }
      if (!read.ok) throw new Error(`${read.error.pointer}: ${read.error.message}`);
      const result = evaluate(read.value.request, read.value.policies, {
        deriveContextKeys: false,
        wildcardOnly: acceptsOnlyWildcardResource,
      });
      expect(result.decision).toBe(ours.decision);
      expect(result.decision).not.toBe(vector.expected.overallResult);
    },
  );

  it.each(comparable.filter((v) => DIVERGENCES[v.id] === undefined).map((v) => [v.id, v.vector] as const))(
    '%s',
    (_, vector) => {
      const read = readCase(caseOf(vector));
      if (!read.ok) throw new Error(`${read.error.pointer}: ${read.error.message}`);
      // As `iamgate simulate` asks: the catalog tells which actions take no resource type.
      const result = evaluate(read.value.request, read.value.policies, {
        deriveContextKeys: false,
        wildcardOnly: acceptsOnlyWildcardResource,
      });
      expect(result.decision).toBe(vector.expected.overallResult);
    },
  );
});
