/**
 * IAM idioms Terraform users write (integ/tf-scan/survey25, written by `build-plans.js`), through
 * the real binary (`npx tsc -b packages/core packages/tf-scan` first) with `survey25.config.json`
 * (the plans' account, the shared-services account and the organization trusted): per plan, the
 * rule ids at each address, as a reviewer judged them (README.md says why). Every address with a
 * finding is listed; `[]` marks one that must stay clean.
 */
import * as path from 'node:path';
import { extractFiles } from '../../../packages/tf-scan/src/scan';
import { jsonReport, ROOT, ruleIdsByAddress } from '../run-tf-scan';

const DIR = 'integ/tf-scan/survey25';
const CONFIG = path.join(DIR, 'survey25.config.json');

interface Row {
  readonly behaviour: string;
  readonly plan: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const ROWS: readonly Row[] = [
  {
    behaviour: 'service roles AWS documents: DLM snapshots and GuardDuty S3 malware scans are clean; sharing is not',
    plan: 'service-roles.json',
    expected: {
      // snapshots and their deletion on `*`, tags on every snapshot: DLM's own work, by DLM alone
      'aws_iam_role.dlm_lifecycle': [],
      'aws_iam_role_policy.dlm_lifecycle_snapshots': [],
      // the same policy where a function's code acts with the role too
      'aws_iam_role.dlm_and_lambda': [],
      'aws_iam_role_policy.dlm_and_lambda_snapshots': ['wildcard-resource/write-on-star'],
      // copies and sharing of every snapshot go where the lifecycle policy says
      // tags written and removed on every instance and volume, not only on snapshots
      'aws_iam_role.dlm_tags_everywhere': [],
      'aws_iam_role_policy.dlm_tags_everywhere_tags': ['wildcard-resource/write-on-star'],
      'aws_iam_role.dlm_sharing': [],
      'aws_iam_role_policy.dlm_sharing_share': ['resource-exposure/policy-change', 'wildcard-resource/write-on-star'],
      'aws_iam_role.malware_protection': [],
      'aws_iam_role_policy.malware_protection_scan': [],
    },
  },
  {
    behaviour: 'identities: two subject clauses, inline_policy beside aws_iam_role_policy, a partner, a CI user',
    plan: 'identities.json',
    expected: {
      // `repo:acme/site:*` and every repository's main: only site's main branch passes both
      'aws_iam_role.gha_site_main': [],
      'aws_iam_role_policy.gha_site_main_deploy': [],
      // every repository and pull requests: every repository's pull requests pass both
      'aws_iam_role.gha_org_pulls': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role_policy.gha_org_pulls_deploy': [],
      // the role's own `inline_policy` is scoped; the separate policy of the same role still applies after apply
      'aws_iam_role.worker': [],
      'aws_iam_role_policy.worker_extra': [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
      // an external id answers the confused deputy; the partner's account is still not a trusted one
      'aws_iam_role.partner_deploy': ['trust-policy/untrusted-account'],
      'aws_iam_role_policy.partner_deploy_deploy': [],
      'aws_iam_user.ci': ['iam-user/direct-policy'],
      'aws_iam_user_policy.ci_sync': [],
      'aws_iam_access_key.ci': ['iam-user/access-key'],
    },
  },
  {
    behaviour: 'IRSA in the plan of its EKS cluster: the condition keys of the provider URL are read by their values',
    plan: 'irsa-same-plan.json',
    expected: {
      'aws_iam_role.cluster': [],
      'aws_iam_openid_connect_provider.eks': [],
      'aws_iam_role.vpc_cni': [],
      'aws_iam_role.ebs_csi': [],
      'aws_iam_role.any_service_account': ['trust-policy/oidc-broad-subject'],
      'aws_iam_role.audience_only': ['trust-policy/oidc-missing-sub'],
      // `payments` is no value of `sub` or `aud`: the claim the key names cannot be told
      'aws_iam_role.unknown_claim': ['unverifiable/unresolved-policy'],
      // nor under a test a token may pass with another claim or without it, nor from another key
      'aws_iam_role.not_equals': ['unverifiable/unresolved-policy'],
      'aws_iam_role.for_any_value': ['unverifiable/unresolved-policy'],
      'aws_iam_role.like_if_exists': ['unverifiable/unresolved-policy'],
      'aws_iam_role.audience_pattern': ['unverifiable/unresolved-policy'],
      'aws_iam_role.endpoint_key': ['unverifiable/unresolved-policy'],
    },
  },
  {
    behaviour: "Karpenter's documented v1 controller policy on its Pod Identity role is clean",
    plan: 'karpenter.json',
    expected: {
      // launches, tags and deletions under the cluster's tags; PassRole of the node role to EC2;
      // instance profiles under the cluster's tags; Describe calls in one region; pricing on `*`
      'aws_iam_role.karpenter_controller': [],
      'aws_iam_role_policy.karpenter_controller_controller': [],
    },
  },
];

const reportOf = (plan: string): ReturnType<typeof jsonReport> =>
  jsonReport([path.join(DIR, plan)], '--config', CONFIG);

describe('survey 25: each address gets the verdicts a reviewer gives it', () => {
  it.each(ROWS)('$behaviour ($plan)', ({ plan, expected }) => {
    const report = reportOf(plan);
    expect(report.stderr).toBe('');
    expect(report.errors).toEqual([]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });
});

describe('survey 25: where and how the findings are told', () => {
  it('two wildcard clauses on `sub` are told by the subject they admit together and the values it comes from', () => {
    const finding = reportOf('identities.json').findings.find(
      (f) => f.location.address === 'aws_iam_role.gha_org_pulls',
    ) as { message?: string } | undefined;
    expect(finding?.message).toBe(
      'role `aws_iam_role.gha_org_pulls` trusts `token.actions.githubusercontent.com` tokens: subject `repo:acme/*:pull_request` (what `repo:acme/*` and `*:pull_request` admit together) admits every repository of the owner, including new ones',
    );
  });

  it('a role DLM and Lambda assume is told the snapshot writes on `*`, not the Describe calls', () => {
    const finding = reportOf('service-roles.json').findings.find(
      (f) =>
        f.location.address === 'aws_iam_role_policy.dlm_and_lambda_snapshots' &&
        (f as { message?: string }).message?.includes('DeleteSnapshot') === true,
    ) as { message?: string; location: { pointer?: string } } | undefined;
    expect(finding?.location.pointer).toBe('/Statement/0');
    expect(finding?.message).toBe(
      'role `aws_iam_role.dlm_and_lambda` may write to every resource with `ec2:CreateSnapshot`, `ec2:CreateSnapshots`, `ec2:DeleteSnapshot`, which can be scoped to resources',
    );
  });
});

describe('survey 25: IRSA keys known only after apply', () => {
  it("a key of the provider's URL and one of the cluster's issuer are the `sub` of the same issuer", async () => {
    const input = await extractFiles([path.join(ROOT, DIR, 'irsa-same-plan.json')]);
    const keys = (id: string): string[] => {
      const document = input.principals.find((p) => p.id === id)?.trustPolicy?.document as
        { Statement: { Condition: Record<string, Record<string, unknown>> }[] } | undefined;
      return (document?.Statement ?? []).flatMap((st) => Object.values(st.Condition).flatMap((c) => Object.keys(c)));
    };
    const issuer =
      'oidc.eks.${the region of aws_eks_cluster.main}.${the DNS suffix of the region of aws_eks_cluster.main}/id/${the OIDC issuer id of aws_eks_cluster.main}';
    expect(keys('aws_iam_role.vpc_cni')).toEqual([`${issuer}:sub`, `${issuer}:aud`]);
    expect(keys('aws_iam_role.ebs_csi')).toEqual([`${issuer}:sub`]);
  });
});
