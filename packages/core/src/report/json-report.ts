/**
 * The JSON report contract (PRODUCT.md): field names and order built explicitly, nothing extra.
 * `changes` (what the plan changes) is an added top-level key, present only when computed; its
 * `admits` (who a changed trust or resource policy admits) an added key of a change. A change's
 * rows name one action each, except where more than half the actions of a service change alike
 * (`s3:*`, the others in `exceptActions`), or every action there is but a few (`*`). A row's
 * `except` and `exceptActions` are listed whole (text and Markdown count them past three).
 */
import type { AdmissionDelta, PermissionChange, PermissionDelta } from '../analysis/changes';
import { compactRows, exceptKey } from './changes';
import type { Finding, GuardResult, ReportError, SuppressedFinding, Summary } from '../analysis/finding';

/** The `--format json` document. */
export interface JsonReport {
  readonly version: 1;
  readonly tool: { readonly name: 'iamgate'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errors: readonly ReportError[];
  readonly summary: Summary;
  /** Permissions each principal or resource policy gains and loses (inputs with before-versions). */
  readonly changes?: readonly PermissionChange[];
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
    ...(result.changes !== undefined ? { changes: result.changes.map(changeJson) } : {}),
  };
}

function changeJson(c: PermissionChange): PermissionChange {
  return {
    subject: c.subject,
    kind: c.kind,
    location: locationJson(c.location),
    policies: [...c.policies],
    gained: compactDeltas(c.gained),
    lost: compactDeltas(c.lost),
    ...(c.unresolved !== undefined ? { unresolved: [...c.unresolved] } : {}),
    ...(c.invalid !== undefined ? { invalid: [...c.invalid] } : {}),
    ...(c.invalidBefore !== undefined ? { invalidBefore: [...c.invalidBefore] } : {}),
    ...(c.targets !== undefined ? { targets: c.targets.map((t) => ({ ...t })) } : {}),
    ...(c.admits !== undefined
      ? {
          admits: {
            gained: compactRows(c.admits.gained, admissionKey).map(admission),
            lost: compactRows(c.admits.lost, admissionKey).map(admission),
          },
        }
      : {}),
    ...(c.boundary !== undefined
      ? {
          boundary: {
            ...(c.boundary.before !== undefined ? { before: c.boundary.before } : {}),
            ...(c.boundary.after !== undefined ? { after: c.boundary.after } : {}),
            ...(c.boundary.notCompared === true ? { notCompared: true as const } : {}),
          },
        }
      : {}),
    ...(c.publicAccessRestricted !== undefined
      ? {
          publicAccessRestricted: {
            before: c.publicAccessRestricted.before,
            after: c.publicAccessRestricted.after,
          },
        }
      : {}),
  };
}

/** Lists of deltas compacted once: principals that share an analysis share their lists. */
const compacted = new WeakMap<readonly PermissionDelta[], PermissionDelta[]>();

function compactDeltas(deltas: readonly PermissionDelta[]): PermissionDelta[] {
  let rows = compacted.get(deltas);
  if (rows === undefined) {
    rows = compactRows(deltas, deltaKey).map(deltaJson);
    compacted.set(deltas, rows);
  }
  return rows;
}

function deltaJson(d: PermissionDelta): PermissionDelta {
  return {
    action: d.action,
    ...(d.exceptActions !== undefined ? { exceptActions: [...d.exceptActions] } : {}),
    resource: d.resource,
    before: d.before,
    after: d.after,
    ...(d.except !== undefined ? { except: [...d.except] } : {}),
    ...(d.undecided !== undefined ? { undecided: [...d.undecided] } : {}),
  };
}

/** What rows of `gained`/`lost` must share to be one `service:*` row. */
function deltaKey(d: PermissionDelta): string {
  return `${d.resource}\u0000${d.before}\u0000${d.after}\u0000${exceptKey(d)}`;
}

/** What rows of `admits` must share to be one `service:*` row. */
function admissionKey(d: AdmissionDelta): string {
  return [d.principal, d.principalType, d.sub ?? '', d.resource ?? '', d.before, d.after, ...(d.except ?? [])].join(
    '\u0000',
  );
}

/** Who a trust or resource policy admits: key order fixed, optional keys only when set. */
function admission(d: AdmissionDelta): AdmissionDelta {
  return {
    principal: d.principal,
    principalType: d.principalType,
    ...(d.sub !== undefined ? { sub: d.sub } : {}),
    action: d.action,
    ...(d.exceptActions !== undefined ? { exceptActions: [...d.exceptActions] } : {}),
    ...(d.resource !== undefined ? { resource: d.resource } : {}),
    before: d.before,
    after: d.after,
    ...(d.except !== undefined ? { except: [...d.except] } : {}),
  };
}

function locationJson(l: Finding['location']): Finding['location'] {
  const location: Record<string, string> = {};
  for (const key of LOCATION_KEYS) {
    const value = l[key];
    if (value !== undefined) location[key] = value;
  }
  return location;
}

function findingJson(f: Finding): Finding {
  const location = locationJson(f.location);
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
