/**
 * Running rule examples: each example becomes a scan input and is run through the engine with
 * only its rule enabled. Used by the generic rule test and by the docs generator.
 */
import type { Finding } from '../analysis/finding';
import type { CredentialKind, PrincipalInput, ScanInput } from '../analysis/input';
import { runGuard } from '../analysis/engine';
import type { ResolvedConfig } from '../config/types';
import type { AnyRule, RuleExample } from './rule';

/** How an example names the resource of each credential it gives a user. */
const CREDENTIAL_IDS: Readonly<Record<CredentialKind, string>> = {
  'access-key': 'Key',
  'login-profile': 'Login',
  'service-credential': 'ServiceCredential',
};

/** What running one example reported. */
export interface ExampleReport {
  readonly messageId: string;
  readonly finding: Finding;
}

/** The scan input an example stands for. */
function exampleInput(example: RuleExample): ScanInput {
  const source =
    example.document === undefined
      ? undefined
      : { id: 'example', name: 'example', document: example.document, location: { file: 'example.json' } };
  if (example.principal) {
    const p = example.principal;
    const principal: PrincipalInput = {
      id: p.name,
      kind: p.kind,
      name: p.name,
      path: p.path ?? '/',
      arn: `arn:aws:iam::111122223333:${p.kind}${p.path ?? '/'}${p.name}`,
      policies:
        source && (example.type ?? 'identity') === 'identity'
          ? [{ kind: 'inline', policy: source }]
          : (p.identityPolicies ?? []).map((document, i) => ({
              kind: 'inline' as const,
              policy: { id: `held-${i}`, name: `held-${i}`, document, location: { file: 'example.json' } },
            })),
      ...(p.permissionsBoundary ? { permissionsBoundary: { arn: p.permissionsBoundary } } : {}),
      ...(source && example.type === 'trust' ? { trustPolicy: source } : {}),
      tags: p.tags ?? {},
      ...(p.credentials
        ? {
            credentials: p.credentials.map((kind, i) => ({
              kind,
              location: { file: 'example.json', logicalId: `${p.name}${CREDENTIAL_IDS[kind]}${i}` },
            })),
          }
        : {}),
      location: { file: 'example.json' },
    };
    return { principals: [principal], resources: [], policies: [], errors: [], ...accountSettingsOf(example) };
  }
  const policies = source ? [{ policy: source, type: example.type ?? 'identity' }] : [];
  return { principals: [], resources: [], policies, errors: [], ...accountSettingsOf(example) };
}

function accountSettingsOf(example: RuleExample): Pick<ScanInput, 'accountSettings'> {
  if (!example.accountSettings) return {};
  return {
    accountSettings: example.accountSettings.map((setting, i) => ({
      ...setting,
      location: { file: 'example.json', logicalId: `AccountSetting${i}` },
    })),
  };
}

/** Runs one example with only `rule` enabled; returns what it reported. */
export function runExample(rule: AnyRule, example: RuleExample): ExampleReport[] {
  const config: ResolvedConfig = {
    severities: new Map([[rule.meta.id, rule.meta.defaultSeverity]]),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {}, ...example.settings },
    suppressions: [],
  };
  const reports: ExampleReport[] = [];
  runGuard(exampleInput(example), config, { observe: (r) => reports.push(r) });
  return reports;
}
