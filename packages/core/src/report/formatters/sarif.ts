import type { Finding, Severity, SuppressedFinding } from '../../analysis/finding';
import type { Formatter } from '../types';
import { RULES } from '../../rules/index';

const LEVELS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'note' };
const DOCS = 'https://github.com/iamgate/iamgate/blob/main/docs/rules/';

/** `--format sarif`: SARIF 2.1.0 with rule metadata, partial fingerprints and logical locations. */
export const formatSarif: Formatter = (result, context) => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id as string, i]));
  const results = [
    ...result.findings.map((f) => resultOf(f, ruleIndex)),
    ...result.suppressed.map((f) => resultOf(f, ruleIndex)),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iamgate',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: 'https://github.com/iamgate/iamgate',
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.rationale },
              helpUri: `${DOCS}${r.meta.id}.md`,
              help: { text: r.meta.rationale },
              defaultConfiguration: { level: LEVELS[r.meta.defaultSeverity] },
              properties: { category: r.meta.id.slice(0, r.meta.id.indexOf('/')), tags: ['security', 'iam'] },
            })),
          },
        },
        results,
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: result.errors.map((e) => ({
              level: 'error',
              message: { text: e.pointer ? `${e.pointer}: ${e.message}` : e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(e.file) } } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function resultOf(f: Finding | SuppressedFinding, ruleIndex: ReadonlyMap<string, number>): Record<string, unknown> {
  const logical = logicalLocations(f);
  // Code scanning shows a result on the line that declares the resource, when the input tells it.
  const declared = f.location.declared;
  const file = declared?.file ?? f.location.file;
  const location: Record<string, unknown> = {
    ...(file !== undefined
      ? {
          physicalLocation: {
            artifactLocation: { uri: uriOf(file) },
            ...(declared !== undefined ? { region: { startLine: declared.line } } : {}),
          },
        }
      : {}),
    ...(logical.length > 0 ? { logicalLocations: logical } : {}),
  };
  const index = ruleIndex.get(f.ruleId);
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVELS[f.severity],
    message: { text: f.message },
    ...(Object.keys(location).length > 0 ? { locations: [location] } : {}),
    partialFingerprints: { 'iamgateFingerprint/v1': f.fingerprint },
    ...('suppression' in f
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: f.suppression.reason,
              properties: {
                source: f.suppression.source,
                ...(f.suppression.expires ? { expires: f.suppression.expires } : {}),
              },
            },
          ],
        }
      : {}),
    properties: {
      ...(f.principal !== undefined ? { principal: f.principal } : {}),
      ...(f.location.pointer !== undefined ? { pointer: f.location.pointer } : {}),
      ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    },
  };
}

function logicalLocations(f: Finding): Record<string, string>[] {
  const l = f.location;
  const out: Record<string, string>[] = [];
  if (l.address) out.push({ fullyQualifiedName: l.address, kind: 'resource' });
  if (l.constructPath) out.push({ fullyQualifiedName: l.constructPath, kind: 'resource' });
  else if (l.logicalId)
    out.push({ fullyQualifiedName: [l.stack, l.logicalId].filter(Boolean).join('/'), kind: 'resource' });
  if (f.principal && f.principal !== l.address && f.principal !== l.constructPath)
    out.push({ fullyQualifiedName: f.principal, kind: 'principal' });
  return out;
}

function uriOf(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
