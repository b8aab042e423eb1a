/** The JSON report contract (PRODUCT.md): field names and order built explicitly, nothing extra. */
import type { Finding, GuardResult, ReportError, SuppressedFinding, Summary } from '../analysis/finding';

/** The `--format json` document. */
export interface JsonReport {
  readonly version: 1;
  readonly tool: { readonly name: 'iamgate'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errors: readonly ReportError[];
  readonly summary: Summary;
}

const LOCATION_KEYS = ['file', 'address', 'stack', 'logicalId', 'constructPath', 'pointer'] as const;

/** The report object of a result. */
export function toJsonReport(result: GuardResult, toolVersion: string): JsonReport {
  return {
    version: 1,
    tool: { name: 'iamgate', version: toolVersion },
    findings: result.findings.map(findingJson),
    suppressed: result.suppressed.map((f) => ({ ...findingJson(f), suppression: { ...f.suppression } })),
    errors: result.errors.map((e) => ({
      file: e.file,
      ...(e.pointer !== undefined ? { pointer: e.pointer } : {}),
      message: e.message,
    })),
    summary: {
      error: result.summary.error,
      warning: result.summary.warning,
      info: result.summary.info,
      suppressed: result.summary.suppressed,
    },
  };
}

function findingJson(f: Finding): Finding {
  const location: Record<string, string> = {};
  for (const key of LOCATION_KEYS) {
    const value = f.location[key];
    if (value !== undefined) location[key] = value;
  }
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    location,
    ...(f.principal !== undefined ? { principal: f.principal } : {}),
    fingerprint: f.fingerprint,
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
  };
}
