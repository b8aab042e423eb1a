/**
 * `cdk-guard` on hand-written templates: a local template nested several times (each nesting its
 * own stack, with its own parameters and its own conditions), REST API policies inside the OpenAPI
 * definition (`Body`, a local `BodyS3Location`), and SAM `Api` events naming a plain `RestApi`.
 * One run of the real binary; rule ids compared by `file#nesting/logicalId` for a nested template.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const DIR = 'integ/cfn-idioms';

interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly location: { readonly file?: string; readonly stack?: string; readonly logicalId?: string };
}

interface Row {
  readonly behaviour: string;
  readonly template: string;
  /** Rule ids by logical id (`file#nesting/logicalId` in a nested template); `[]` marks an idiom. */
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const CHILD = `${DIR}/nested-conditions-child.yaml`;
const WIDE = `${DIR}/nested-params-wide.yaml`;
const DEBUG = `${DIR}/nested-policy-conditions-child.yaml`;

const ROWS: readonly Row[] = [
  {
    behaviour:
      "a template nested three times is checked per nesting; the child's IsProd is not the parent's, and a Stage the parent passes decides it (a literal, or one that follows the parent's IsProd)",
    template: 'nested-conditions.yaml',
    expected: {
      Artifacts: [],
      Unstaged: [],
      Prod: [],
      Correlated: [],
      Dev: [],
      ScopedUploader: [],
      WideUploader: [],
      [`${CHILD}#Unstaged/WriterRole`]: ['wildcard-resource/write-on-star'],
      [`${CHILD}#Prod/WriterRole`]: [],
      [`${CHILD}#Correlated/WriterRole`]: [],
      [`${CHILD}#Dev/WriterRole`]: [],
      [`${WIDE}#ScopedUploader/UploaderRole`]: [],
      [`${WIDE}#WideUploader/UploaderRole`]: ['wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      "an `Fn::If` in a nested role's `Policies` list or `Resource` is decided with the Stage each parent passes (a literal, a mapping, or a parent's `Fn::If` whose every side decides it)",
    template: 'nested-policy-conditions.yaml',
    expected: {
      Live: [],
      Mapped: [],
      Staged: [],
      Debug: [],
      Either: [],
      Unknown: [],
      [`${DEBUG}#Live/WorkerRole`]: [],
      [`${DEBUG}#Mapped/WorkerRole`]: [],
      [`${DEBUG}#Staged/WorkerRole`]: [],
      [`${DEBUG}#Debug/WorkerRole`]: ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
      [`${DEBUG}#Either/WorkerRole`]: ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
      [`${DEBUG}#Unknown/WorkerRole`]: ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      'REST API policies in Body or a local BodyS3Location file are read (with `Policy` too, each judged); allow-lists are clean; an S3 definition and an event policy SAM drops (plain RestApi, own DefinitionBody) are reported',
    template: 'rest-api-definitions.yaml',
    expected: {
      OfficeBodyApi: [],
      PrivateBodyApi: [],
      PartnerBodyApi: [],
      PublicBodyApi: ['resource-exposure/public-principal'],
      PolicyAndBodyApi: ['resource-exposure/public-principal'],
      PartnerTwiceApi: [],
      FileApi: ['resource-exposure/public-principal'],
      S3Api: ['unverifiable/unresolved-policy'],
      PlainPublicApi: ['resource-exposure/public-principal', 'unverifiable/unresolved-policy'],
      PlainPartnerApi: [],
      DefinedApi: ['unverifiable/unresolved-policy'],
      HandlerRole: [],
    },
  },
];

let status: number | null = null;
let stderr = '';
let findings: readonly Finding[] = [];

beforeAll(() => {
  const result = spawnSync(
    process.execPath,
    [BIN, ...ROWS.map((r) => `${DIR}/${r.template}`), '--format', 'json', '--fail-on', 'never'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  status = result.status;
  stderr = result.stderr;
  findings = status === 0 ? (JSON.parse(result.stdout) as { findings: Finding[] }).findings : [];
});

function keyOf(f: Finding, own: string): string {
  const logicalId = f.location.logicalId ?? '(no logical id)';
  const file = f.location.file ?? '';
  if (file === own) return logicalId;
  return `${file}#${f.location.stack === undefined ? '' : `${f.location.stack}/`}${logicalId}`;
}

/** Rule ids by key for the row's template and the nested templates it names. */
function verdicts(row: Row): Record<string, string[]> {
  const own = `${DIR}/${row.template}`;
  const files = new Set([own, ...Object.keys(row.expected).map((k) => k.split('#')[0] as string)]);
  const byId: Record<string, string[]> = {};
  for (const id of Object.keys(row.expected)) byId[id] = [];
  for (const f of findings) {
    if (!files.has(f.location.file ?? '')) continue;
    const ids = (byId[keyOf(f, own)] ??= []);
    if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  }
  for (const ids of Object.values(byId)) ids.sort();
  return byId;
}

describe('cdk-guard on nested templates and REST API definitions', () => {
  it('the run ends with a report', () => {
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each(ROWS.map((row) => [row.behaviour, row] as const))('%s', (_, row) => {
    expect(verdicts(row)).toEqual(row.expected);
  });

  it('a side of the parent`s `IsProd` names the parent stack when the child has an `IsProd` of its own', () => {
    const found = findings.filter((f) => f.location.stack === 'Unstaged' && f.location.logicalId === 'WriterRole');
    expect(found.map((f) => f.message)).toEqual([
      'role `Unstaged/WriterRole` may write to every resource with `s3:PutObject`, which can be scoped to resources (when condition `IsProd` is false and condition `IsProd` of the parent stack is true)',
    ]);
  });

  it.each([
    ['PlainPublicApi', /`Auth\.ResourcePolicy` of SAM event `Handler\.Restricted` is not deployed/],
    ['S3Api', /`BodyS3Location` names S3/],
    ['DefinedApi', /`Handler\.Defined` is not deployed: .* has its own `DefinitionBody`/],
  ])('%s: the unverifiable finding says why', (logicalId, pattern) => {
    const found = findings.filter(
      (f) => f.location.logicalId === logicalId && f.ruleId === 'unverifiable/unresolved-policy',
    );
    expect(found.map((f) => pattern.test(f.message))).toEqual([true]);
  });
});
