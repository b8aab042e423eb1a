/**
 * The same policy, whatever form it reaches iamgate in, gets the same findings. Each case of
 * cases.ts is written in every Terraform form (terraform-forms.ts: one plan, its .tf file for
 * `--hcl`) and every CloudFormation form (cloudformation-forms.ts: a JSON and a YAML template);
 * the real `tf-scan` and `cdk-guard` binaries scan them (`--format json`, one run each), and the
 * findings of each principal, as `ruleId:severity`, are compared with those of the case's
 * reference form (Terraform `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`,
 * or the trust policy as a literal string). `npx tsc -b packages/core packages/tf-scan
 * packages/cdk-guard` first: the binaries run from `dist`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCases } from './cases';
import { writeCloudFormation } from './cloudformation-forms';
import { writeTerraform } from './terraform-forms';
import type { Origin } from './terraform-forms';

const ROOT = path.join(__dirname, '../..');
const run = promisify(execFile);

interface Finding {
  readonly ruleId: string;
  readonly severity: string;
  readonly principal?: string;
  readonly location: { readonly address?: string; readonly logicalId?: string };
}
interface Report {
  readonly findings: readonly Finding[];
  readonly errors: readonly unknown[];
}

async function scan(bin: string, args: readonly string[]): Promise<Report> {
  const { stdout, stderr } = await run(
    process.execPath,
    [path.join(ROOT, bin), ...args, '--format', 'json', '--fail-on', 'never'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  ).catch((error: unknown) => {
    throw new Error(`${bin} failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  });
  expect(stderr).toBe('');
  return JSON.parse(stdout) as Report;
}

/**
 * Rules that legitimately depend on the principal kind, not on the form: compared within the
 * kind (each kind has its own reference form), dropped when the kinds are compared with each other.
 */
const KIND_RULES: Readonly<Record<string, string>> = {
  // A user holding a policy itself, rather than through a group: every user form gets it.
  'iam-user/direct-policy': 'about users only: the policy is held by the user rather than a group',
};

/**
 * Findings only a role gets for a case, each with its reason: dropped from the role's findings when
 * users and groups are compared with it.
 */
const ROLE_ONLY: readonly { readonly caseId: string; readonly finding: string; readonly reason: string }[] = [
  {
    caseId: 'own-user-policies',
    finding: 'policy-validity/policy-variable:warning',
    reason: '`${aws:username}` in its Resource has no value in the sessions of a role, only for IAM users',
  },
];

/**
 * Differences of one form from its reference that are right, each with its reason:
 * `form` (a form name), `caseId` (`*` for every case), the `ruleId:severity` that differs.
 */
const ALLOWED: readonly {
  readonly form: string;
  readonly caseId: string;
  readonly finding: string;
  readonly reason: string;
}[] = [
  // SAM gives the function's role AWSLambdaBasicExecutionRole (log writes): a Cognito trust without
  // `amr` admits guests, who may then write, an error; the bare trust policy holds nothing.
  {
    form: 'SamTrust',
    caseId: 'cognito-no-amr',
    finding: 'trust-policy/federation-conditions:error',
    reason: 'the role SAM creates holds log writes that a guest admitted without `amr` may make',
  },
  {
    form: 'SamTrust',
    caseId: 'cognito-no-amr',
    finding: 'trust-policy/federation-conditions:warning',
    reason: 'the same finding, raised to an error by the writes the role holds',
  },
  // A template does not say which account it deploys to: a role of account 111122223333 written
  // out may be another account's (the message says "unless the role is deployed to that
  // account"), where a plan knows its account (`aws_caller_identity`) and `${AWS::AccountId}` is
  // the stack's. `trust.accounts` in the configuration names the account and the warning goes.
  ...[
    'TrustObject',
    'TrustString',
    'TrustSub',
    'TrustProviderRef',
    'TrustProviderGetAtt',
    'YamlTrustObject',
    'YamlTrustProviderSub',
    'SamTrust',
  ].map((form) => ({
    form,
    caseId: 'same-account',
    finding: 'trust-policy/cross-account-external-id:warning',
    reason: 'the account of a template is not known; its own account written out may be another',
  })),
];

type Findings = Map<string, Set<string>>;

/**
 * The findings of each principal built, as `ruleId:severity`, followed by ` x<n>` when the rule is
 * reported n > 1 times on it (twice in one form and once in another is noise or a miss too).
 */
function collect(report: Report, principals: ReadonlyMap<string, Origin>, tool: string): Findings {
  const counts = new Map<string, Map<string, number>>();
  for (const origin of principals.values()) counts.set(key(origin), new Map());
  const strays: string[] = [];
  for (const f of report.findings) {
    const origin = f.principal === undefined ? undefined : principals.get(f.principal);
    const own = origin === undefined ? undefined : counts.get(key(origin));
    if (own === undefined) {
      strays.push(`${f.ruleId} at ${f.location.address ?? f.location.logicalId ?? '?'}`);
      continue;
    }
    const id = `${f.ruleId}:${f.severity}`;
    own.set(id, (own.get(id) ?? 0) + 1);
  }
  // Every finding is about one of the principals built: none is reported without it.
  expect({ tool, strays }).toEqual({ tool, strays: [] });
  const out: Findings = new Map();
  for (const [k, own] of counts) out.set(k, new Set([...own].map(([id, n]) => (n > 1 ? `${id} x${n}` : id))));
  return out;
}

const key = (o: Origin): string => `${o.form} ${o.caseId}`;

/** The kind of principal a form builds (its reference form). */
function kindOf(form: string): keyof typeof REFERENCE {
  const f = form.toLowerCase().replace(/^yaml/, '');
  if (f.startsWith('trust') || f === 'samtrust') return 'trust';
  if (f === 'sampolicies') return 'role';
  if (f === 'samawsname') return 'managed';
  if (f.startsWith('awsuser') || f.startsWith('aws_user')) return 'managedUser';
  if (f.startsWith('aws')) return 'managed';
  if (f.startsWith('sym')) return 'symbolic';
  if (f.startsWith('bnd')) return 'bounded';
  if (f.startsWith('member') || f.startsWith('added')) return 'member';
  if (f.startsWith('user')) return 'user';
  if (f.startsWith('group')) return 'group';
  return 'role';
}

const REFERENCE = {
  role: 'role_policy',
  user: 'user_policy',
  group: 'group_policy',
  /** A user in a group that holds the policy. */
  member: 'member_user_group_membership',
  trust: 'trust_literal',
  /** An AWS managed policy attached by ARN. */
  managed: 'aws_role_attachment',
  managedUser: 'aws_user_attachment',
  /** A policy on resources of the same configuration. */
  symbolic: 'sym_hcl',
  /** A role under a permissions boundary. */
  bounded: 'bnd_created',
} as const;

const cases = loadCases();
let dir: string;
let all: Findings;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamgate-adapters-'));
  const tf = writeTerraform(cases, dir);
  const cfn = writeCloudFormation(cases, dir);
  // The two runs side by side: each is one process of a few seconds.
  const [tfReport, cfnReport] = await Promise.all([
    scan('packages/tf-scan/bin/tf-scan.js', [tf.planFile, '--hcl', tf.hclDir]),
    scan('packages/cdk-guard/bin/cdk-guard.js', cfn.files),
  ]);
  all = new Map([...collect(tfReport, tf.principals, 'tf-scan'), ...collect(cfnReport, cfn.principals, 'cdk-guard')]);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const show = (s: ReadonlySet<string> | undefined): string[] => [...(s ?? [])].sort();

test('each reference form reports the rule its case is about, and nothing on the clean cases', () => {
  const got = cases.map((c) => {
    const kind = c.kind === 'identity' ? 'role' : c.kind;
    const found = show(all.get(key({ caseId: c.id, form: REFERENCE[kind] })));
    return {
      case: c.id,
      expected: c.expects ?? 'none',
      found: c.expects === undefined ? found : found.some((f) => f.startsWith(`${c.expects}:`)),
    };
  });
  expect(got).toEqual(
    cases.map((c) => ({ case: c.id, expected: c.expects ?? 'none', found: c.expects === undefined ? [] : true })),
  );
});

test('every form of a policy gets the findings of its reference form', () => {
  const differences: string[] = [];
  const used = new Set<(typeof ALLOWED)[number]>();
  for (const [k, found] of all) {
    const [form = '', caseId = ''] = k.split(' ');
    const reference = all.get(key({ caseId, form: REFERENCE[kindOf(form)] }));
    const differs = (f: string): boolean => {
      const allowed = ALLOWED.find(
        (a) => a.form === form && (a.caseId === '*' || a.caseId === caseId) && a.finding === f,
      );
      if (allowed !== undefined) used.add(allowed);
      return allowed === undefined;
    };
    const missing = show(reference).filter((f) => !found.has(f) && differs(f));
    const extra = show(found).filter((f) => !(reference?.has(f) ?? false) && differs(f));
    if (missing.length > 0 || extra.length > 0)
      differences.push(`${form} ${caseId}: missing [${missing.join(', ')}] extra [${extra.join(', ')}]`);
  }
  expect(differences.sort()).toEqual([]);
  // An allowance no difference needs any more is taken off the list.
  expect(ALLOWED.filter((a) => !used.has(a)).map((a) => `${a.form} ${a.caseId} ${a.finding}`)).toEqual([]);
});

test('users and groups get the findings of a role with the same policy, besides the rules about their kind', () => {
  const differences: string[] = [];
  const strip = (s: ReadonlySet<string> | undefined): string[] =>
    show(s).filter((f) => KIND_RULES[f.slice(0, f.indexOf(':', f.indexOf('/')))] === undefined);
  for (const c of cases.filter((x) => x.kind === 'identity')) {
    const role = strip(all.get(key({ caseId: c.id, form: REFERENCE.role }))).filter(
      (f) => !ROLE_ONLY.some((r) => r.caseId === c.id && r.finding === f),
    );
    for (const kind of ['user', 'group', 'member'] as const) {
      const other = strip(all.get(key({ caseId: c.id, form: REFERENCE[kind] })));
      if (JSON.stringify(other) !== JSON.stringify(role))
        differences.push(`${kind} ${c.id}: [${other.join(', ')}] where the role has [${role.join(', ')}]`);
    }
  }
  expect(differences).toEqual([]);
});
