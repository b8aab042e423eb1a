import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTfScan } from '../run-tf-scan';
import type { Finding, Report } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/hcl-survey', name);

/** The id `policy-files-as-bytes` names its release by: the first 12 hex digits of its artifact's SHA-256. */
const buildId = createHash('sha256')
  .update(readFileSync(path.join(__dirname, 'policy-files-as-bytes/build/handler.bin')))
  .digest('hex')
  .slice(0, 12);

/** Rule id and address of each finding, as `ruleId address`. */
function found(name: string): { seen: string[]; stderr: string } {
  const { stdout, stderr } = runTfScan(['--hcl', dir(name), '--format', 'json', '--fail-on', 'never']);
  const report = JSON.parse(stdout) as Report;
  return { seen: report.findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort(), stderr };
}

// Runs the built binary: `npx tsc -b packages/core packages/tf-scan` and `node scripts/bundle-cli.js` first.
describe('tf-scan --hcl on shapes of public configurations it left unresolved before', () => {
  const cases: { name: string; dir: string; expected: string[] }[] = [
    {
      name: 'launch grants naming images, subnets and security groups by type in ARNs built from the partition and region',
      dir: 'launch-scoped-by-partition',
      // The instances are scoped by a request tag elsewhere: only the twin without that statement
      // writes to every instance.
      expected: ['wildcard-resource/write-on-star aws_iam_policy.untagged'],
    },
    {
      name: "a module's typed map input with optional attributes, and a for_each over a map holding a resource ARN",
      dir: 'typed-module-inputs',
      expected: [
        'admin-access/full-access module.deployer.aws_iam_role.this',
        'privilege-escalation/pass-role-to-service module.deployer.aws_iam_role_policy.inline',
        'privilege-escalation/pass-role-wildcard module.deployer.aws_iam_role_policy.inline',
      ],
    },
    {
      name: 'trust policies built with regular expression replace() and try() over a document with no instance',
      dir: 'oidc-regex-and-try',
      expected: ['trust-policy/oidc-broad-subject aws_iam_role.github'],
    },
    {
      name: 'policies a caller writes into module blocks, a template_file and a templatefile with a hole',
      dir: 'caller-written-policies',
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deployer',
        'resource-exposure/public-principal module.inbox.aws_sqs_queue.this',
      ],
    },
    {
      name: 'dynamic statements whose templates wrap values known only after apply (bucket ARN, account, partition)',
      dir: 'dynamic-statement-templates',
      // The deny over plain transport, the access-log service scoped to the account and the two
      // role grants are rebuilt as written: no unknown principal, no condition without values.
      expected: ['resource-exposure/public-principal module.logs_policy.aws_s3_bucket_policy.this'],
    },
    {
      name: 'a rendered document edited by replace(), a resource given whole to a module, instances iterated by for and splats',
      dir: 'rendered-documents-and-instances',
      // The owner statement of the topic, the pinned subject, the buckets and workers iterated
      // one by one and the log group try() falls back to stay quiet.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.dispatch',
        'resource-exposure/public-principal aws_sns_topic_policy.alerts',
        'trust-policy/oidc-broad-subject module.deploy_any.aws_iam_role.this',
      ],
    },
    {
      name: 'AWS managed policies read by data "aws_iam_policy" (by ARN and by name) and copied into policies of the account',
      dir: 'aws-managed-copies',
      // The X-Ray copy is checked and clean; the AdministratorAccess copy is what it grants.
      expected: ['admin-access/full-access aws_iam_policy.break_glass'],
    },
    {
      name: 'users managing their own credentials in the account of a counted caller identity',
      dir: 'self-managed-credentials',
      // Their own keys and MFA and the virtual MFA devices they name stay quiet; keys for every user are not.
      expected: ['privilege-escalation/user-credentials aws_iam_group_policy.helpdesk'],
    },
    {
      name: 'IRSA trust whose issuer a regular expression cuts out of the ARN of the OIDC provider created beside it',
      dir: 'irsa-provider-of-the-configuration',
      // One service account pinned stays quiet; every namespace's are not.
      expected: ['trust-policy/oidc-broad-subject module.dns.aws_iam_role.this'],
    },
    {
      name: 'managed policies attached by for_each over maps whose values are templates around an unknown partition',
      dir: 'templated-for-each-values',
      // The X-Ray and Lambda logging policies are read from the catalog and stay quiet.
      expected: ['admin-access/full-access aws_iam_role.batch_worker'],
    },
    {
      name: "coalesce() of a caller's policy before the module's own document, coalescelist() of principals",
      dir: 'coalesce-caller-document',
      // The module's documents (a named reader, the account's root as fallback) stay quiet.
      expected: ['resource-exposure/public-principal module.handoff_key.aws_kms_key.this'],
    },
    {
      name: "a group's members listed by the caller and passed to the module as a variable",
      dir: 'members-from-caller',
      // Each finding twice: for the group, and for dana, who holds its policy as a member.
      expected: [
        'privilege-escalation/pass-role-to-service module.launchers.aws_iam_group_policy.launch[0]',
        'privilege-escalation/pass-role-to-service module.launchers.aws_iam_group_policy.launch[0]',
        'privilege-escalation/pass-role-wildcard module.launchers.aws_iam_group_policy.launch[0]',
        'privilege-escalation/pass-role-wildcard module.launchers.aws_iam_group_policy.launch[0]',
      ],
    },
    {
      name: 'placeholders filled from a map of locals, beside a dynamic statement over a counted service-account data source',
      dir: 'placeholders-and-service-accounts',
      // The Region's load balancer account (an account root, whatever its id) and the auditor stay quiet.
      expected: ['resource-exposure/public-principal module.shared_logs.aws_s3_bucket_policy.logs'],
    },
    {
      name: 'trust policies naming an OIDC or SAML provider of the configuration by its id (its ARN)',
      dir: 'provider-named-by-id',
      // The pinned repository and the SAML sign-in stay quiet.
      expected: ['trust-policy/oidc-missing-sub aws_iam_role.release'],
    },
    {
      name: "roles gated by a child module's outputs (count = module.naming.active ? 1 : 0, its name from the child)",
      dir: 'child-module-outputs',
      // The tracing role stays quiet.
      expected: ['admin-access/full-access module.operator.aws_iam_role.this[0]'],
    },
    {
      name: "IRSA trust whose issuer is read from a cluster's data source: condition keys `<unknown issuer>:aud` and `:sub`",
      dir: 'irsa-issuer-of-a-cluster',
      // One service account pinned (in a jsonencode document, in a policy document whose provider
      // ARN is built from the account and partition data sources, through a module's map of
      // providers) stays quiet. A provider and issuer both given by variables pin the subject when
      // the value is exact (a `sub` key of another provider is absent from the token, which then
      // never matches); under a pattern they are undecided, not passed.
      expected: [
        'trust-policy/oidc-broad-subject module.everyone.aws_iam_role.this',
        'trust-policy/oidc-missing-sub aws_iam_role.any_subject',
        'trust-policy/oidc-missing-sub aws_iam_role.audience_only',
        'unverifiable/unknown-value aws_iam_role.given_pattern',
      ],
    },
    {
      name: 'an AWS managed policy attached to a role outside the configuration, after an inline policy names that role',
      dir: 'managed-on-outside-role',
      // At the attachment, not at the inline policy that first names the role.
      expected: ['admin-access/full-access aws_iam_role_policy_attachment.admin'],
    },
    {
      name: "IRSA trusts whose claim keys name the provider's host cut from its ARN by replace()",
      dir: 'irsa-host-cut-from-provider-arn',
      // The pinned role is read (it was unresolved: replace() of the ARN only apply knows); the
      // pattern over an issuer only apply knows stays undecided.
      expected: ['unverifiable/unknown-value aws_iam_role.any_account'],
    },
    {
      name: 'attachments whose policy_arn is each.key of a collection only apply knows',
      dir: 'unknown-for-each-keys',
      expected: ['unverifiable/unresolved-policy aws_iam_role_policy_attachment.extra'],
    },
    {
      name: 'a count written as text, a count only apply knows, and a subject around a map value picked by an unknown key',
      dir: 'counts-and-keys-from-text',
      // The subject pinned to one repository stays quiet whatever environment the key picks.
      expected: [
        'admin-access/full-access aws_iam_role.deployer',
        'trust-policy/oidc-broad-subject aws_iam_role.any_repository',
        'unverifiable/unresolved-policy aws_iam_role_policy_attachment.reader',
      ],
    },
    {
      name: 'a data "template_file" policy whose vars hold a variable without default and an ARN known after apply',
      dir: 'template-file-vars-after-apply',
      // The distribution's reads stay quiet; a template naming what its vars lack stays unresolved.
      expected: [
        'resource-exposure/public-principal aws_s3_bucket_policy.site',
        'unverifiable/unresolved-policy aws_s3_bucket_policy.broken',
      ],
    },
    {
      name: 'policies and roles made from the files beside the configuration: fileset(), dirname(), abspath(), yamldecode()',
      dir: 'policy-files-by-fileset',
      // The scoped read policy and the role without attachments.yml (try() falls back) stay quiet.
      expected: [
        'admin-access/full-access aws_iam_role.roles["builder"]',
        'privilege-escalation/pass-role-wildcard aws_iam_policy.policies["deploy.json"]',
      ],
    },
    {
      name: 'module calls with for_each and count: one instance per key with its address, none for a count of 0',
      dir: 'counted-module-calls',
      // The first builder's X-Ray policy stays quiet; the auditors' SecurityAudit reads secrets
      // kept in configuration (every function's environment, app client secrets); the disabled
      // legacy module plans nothing.
      expected: [
        'admin-access/full-access module.builder[1].aws_iam_role.this',
        'admin-access/full-access module.team["operators"].aws_iam_role.this',
        'data-exfiltration/unscoped-read module.team["auditors"].aws_iam_role.this',
      ],
    },
    {
      name: 'names and trust condition keys cut out by regex(), made unique by hashes, resources paired by setproduct()',
      dir: 'regex-and-hash-names',
      // The subject pinned to one branch and the object grants on the two buckets' prefixes stay quiet.
      expected: [
        'trust-policy/oidc-broad-subject aws_iam_role.organization',
        'wildcard-action/service-wildcard aws_iam_role_policy.exchange_any_action',
      ],
    },
    {
      name: 'outputs of module calls with for_each and count, read per instance, by splat, by a for expression and whole',
      dir: 'outputs-of-module-instances',
      // The consumer's grants on both queues and the first instance's X-Ray policy stay quiet.
      expected: ['admin-access/full-access aws_iam_role.operator'],
    },
    {
      name: "IRSA trust reading the issuer of the cluster a dynamic statement's key or each.key picks among for_each data sources",
      dir: 'issuers-of-clusters-by-key',
      // The named service accounts of the blue and green clusters (in a document and per role) stay quiet.
      expected: ['trust-policy/oidc-broad-subject aws_iam_role.sandbox'],
    },
    {
      name: 'a module called with for_each attaching var.policy_arns[count.index], the list given by each.value from a local map',
      dir: 'module-instance-policy-lists',
      // The DNS add-on's scoped policy stays quiet; the provisioner role holds what it is attached.
      expected: [
        'data-exfiltration/unscoped-read module.addon["provisioner"].aws_iam_role.this',
        'privilege-escalation/pass-role-to-service aws_iam_policy.provisioner',
        'privilege-escalation/pass-role-wildcard aws_iam_policy.provisioner',
      ],
    },
    {
      name: 'AWS managed policies copied by ARN in a partition only apply knows (no provider region)',
      dir: 'managed-copies-any-partition',
      // The X-Ray copy is read from the catalog and stays quiet.
      expected: ['admin-access/full-access aws_iam_policy.operator'],
    },
    {
      name: 'attachments keyed by a flattened for expression whose policy_arn is each.value.policy_arn of a policy created here',
      dir: 'attachment-pairs-by-each-value',
      // The publisher's scoped invalidation stays quiet; the releaser holds what its pairs attach.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_policy.release',
        'privilege-escalation/run-as-existing-role aws_iam_policy.release',
      ],
    },
    {
      name: 'users read from a CSV file by csvdecode(), kept to an office subnet cidrsubnet() computes',
      dir: 'users-from-csv-by-network',
      // Each user once per row, with the managed policy its row names; the office condition is read.
      expected: [
        'admin-access/full-access aws_iam_user.this["leeops"]',
        'iam-user/direct-policy aws_iam_user.this["ana"]',
        'iam-user/direct-policy aws_iam_user.this["leeops"]',
      ],
    },
    {
      name: 'grants bounded by aws:CurrentTime ends computed with timeadd(), capped by timecmp(), named by formatdate()',
      dir: 'time-bounded-grants',
      // The 36-hour window ends 2026-11-03 20:30 (+01:00); the 2000-hour one is capped at the hard
      // limit. The evidence reads, the trust and the audit policy of the review day stay quiet; the
      // grant ending two hours after apply is checked with its end unknown (try() keeps it so).
      expected: [
        'privilege-escalation/pass-role-to-service aws_iam_role_policy.break_glass["long-202612312359"]',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.break_glass["long-202612312359"]',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.break_glass["short-202611032030"]',
        'wildcard-resource/write-on-star aws_iam_role_policy.break_glass["short-202611032030"]',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.temporary',
      ].sort(),
    },
    {
      name: 'documents shipped by filebase64(), a bucket and a key named by filesha256() and filemd5() of a binary artifact',
      dir: 'policy-files-as-bytes',
      // The log reader and the release read stay quiet; file() of the artifact, which is not UTF-8,
      // is Terraform's error, so that policy is unresolved rather than read as garbled text.
      expected: [
        `resource-exposure/public-principal aws_s3_bucket_policy.releases["${buildId}"]`,
        'admin-access/full-access aws_iam_role_policy.shipped["operator"]',
        'unverifiable/unresolved-policy aws_iam_policy.garbled',
      ].sort(),
    },
    {
      name: 'counts and switches given as text, converted by tobool(), tonumber() and sum(), with try() where they fail',
      dir: 'counts-and-toggles-from-text',
      // "0" switches the break-glass administrator off; 2 auditors + 1 operator ("0x3" is no number)
      // + 1 extra seat (the sum of none fails) + 3 team seats make seven workers.
      expected: [0, 1, 2, 3, 4, 5, 6].map(
        (i) => `privilege-escalation/pass-role-wildcard aws_iam_role_policy.worker[${i}]`,
      ),
    },
    {
      name: 'JSON policies written as heredocs and templates around ARNs known only after apply, one with a trailing comma',
      dir: 'json-text-with-holes',
      // The comma makes the queue policy and the template invalid whatever the ARNs (they were
      // unresolved); the template taking its queues by jsonencode() is read, its PassRole found
      // (it was unresolved); the document spliced from a variable outside any string stays undecided.
      expected: [
        'policy-validity/invalid-policy aws_iam_role_policy.templated',
        'policy-validity/invalid-policy aws_sqs_queue_policy.trailing_comma',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.dispatch',
        'resource-exposure/public-principal aws_kinesis_resource_policy.open',
        'unverifiable/unresolved-policy aws_iam_role_policy.spliced',
      ],
    },
    {
      name: 'inputs left at default = null read through coalesce(), conditionals and concat() beside an ARN of the account',
      dir: 'null-default-inputs',
      // No callbacks: the state machine may start itself only. The null table list falls back to
      // every table (it was unresolved, as was the inline policy); the null role list to every role.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.pass',
        'wildcard-resource/write-on-star aws_iam_role_policy.tables',
      ],
    },
    {
      name: 'count and for_each switched by the enabled output of a naming module that is not installed',
      dir: 'for-each-behind-unread-switch',
      // The switch is read as on: the role is `default[0]`, its SAML trust is built per principal
      // type by count.index (it was unresolved: no SAML:aud unseen), each attachment and inline
      // policy is read (they were unresolved, hiding AdministratorAccess and iam:PassRole on *).
      expected: [
        'admin-access/full-access module.builder.aws_iam_role.default[0]',
        'privilege-escalation/pass-role-to-service module.builder.aws_iam_role_policy.inline["deploy"]',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.first_replica',
        'privilege-escalation/pass-role-wildcard module.builder.aws_iam_role_policy.inline["deploy"]',
        'trust-policy/federation-conditions module.builder.aws_iam_role.default[0]',
        'unverifiable/unresolved-policy module.builder.module.this',
      ],
    },
    {
      name: 'inline policies a dynamic "inline_policy" block generates over a map, with and without an iterator, around ARNs known only after apply',
      dir: 'dynamic-inline-policies',
      // Every generated policy was unresolved; the scoped ones now stay quiet and the twin's s3:* on
      // every bucket is found.
      expected: [
        'data-exfiltration/unscoped-read aws_iam_role.archiver',
        'resource-exposure/policy-change aws_iam_role.archiver',
        'wildcard-action/service-wildcard aws_iam_role.archiver',
        'wildcard-resource/write-on-star aws_iam_role.archiver',
      ],
    },
    {
      name: 'resource ARNs built by join(), format(), formatlist() and lower() around a bucket name or an account only apply knows',
      dir: 'text-functions-around-unknowns',
      // The objects of the buckets are scoped; every role of the account is not; a list only apply
      // knows the length of, and a caller's document try() would fall back from, stay unverifiable.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.pass_any',
        'unverifiable/unresolved-policy aws_iam_role_policy.caller',
        'unverifiable/unresolved-policy aws_iam_role_policy.extra',
      ],
    },
    {
      name: "try() falling back to * from element() at a negative index, slice() past the end and templatestring() of a literal, Terraform's errors",
      dir: 'fallbacks-of-refused-calls',
      // The index past the end wraps around to a named role: no finding.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.literal_template',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.negative_index',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.slice_past_end',
      ],
    },
    {
      name: 'Terraform 1.8-1.14 features: provider functions, templatestring, ephemeral and sensitive variables, nullable inputs, import/moved/removed/check blocks',
      dir: 'newer-language-features',
      // The reader's grant, built by arn_build, templatestring and strcontains, is one bucket's objects: quiet.
      expected: [
        'trust-policy/cross-account-external-id aws_iam_role.auditor',
        'trust-policy/cross-account-external-id aws_iam_role.reader',
        'unverifiable/unresolved-policy aws_iam_role_policy.signer',
        'wildcard-action/service-wildcard module.everything.aws_iam_role_policy.this',
        'wildcard-resource/write-on-star aws_iam_role_policy.uploader',
      ],
    },
    {
      name: 'permission sets from a typed map whose entries leave optional lists out, and a policy referenced by its name attribute',
      dir: 'permission-sets-from-caller',
      // The auditors' inline policy stays quiet; the support policy lives outside the configuration.
      expected: [
        'admin-access/full-access module.identity_center.aws_ssoadmin_permission_set.this["Platform"]',
        'privilege-escalation/pass-role-to-service aws_iam_policy.release',
        'privilege-escalation/pass-role-wildcard aws_iam_policy.release',
        'unverifiable/unresolved-policy module.identity_center.aws_ssoadmin_customer_managed_policy_attachment.this["Support/support-tickets"]',
      ],
    },
    {
      name: 'AWS managed permissions boundaries named in the partition of the provider, through a local and in a permission set',
      dir: 'managed-boundaries-any-partition',
      // ReadOnlyAccess caps the role and the permission set: only the twin without a boundary
      // passes roles (the boundaries were dropped, or read as a hole, and the grant uncapped).
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.uncapped',
        'wildcard-resource/write-on-star aws_iam_role_policy.uncapped',
      ],
    },
    {
      name: 'roles made for_each over trust documents that are themselves made for_each (each.value.json)',
      dir: 'trust-documents-by-for-each',
      // Each finding once, on the role: the documents were also judged as documents no one uses.
      expected: ['trust-policy/oidc-broad-subject aws_iam_role.deploy["preview"]'],
    },
    {
      name: "a bucket module merging the caller's jsonencode document by compact() and reading the region of a null `region` argument",
      dir: 'bucket-module-caller-documents',
      // The reporter's grant stays quiet; every bucket policy was unresolved. The region's ELB
      // account and its log delivery service both write anywhere in the load balancer bucket.
      expected: [
        'resource-exposure/confused-deputy module.lb_logs.aws_s3_bucket_policy.this[0]',
        'resource-exposure/confused-deputy module.lb_logs.aws_s3_bucket_policy.this[0]',
        'resource-exposure/public-principal module.site.aws_s3_bucket_policy.this[0]',
      ],
    },
    {
      name: "a caller's trust document picked by coalesce() over fallback documents left without principals",
      dir: 'custom-trust-over-fallbacks',
      // The vendor's trust is pinned by an external id; the fallbacks were reported as invalid policies.
      expected: ['resource-exposure/public-principal module.open.aws_iam_role.this'],
    },
    {
      name: 'heredoc policies splicing in ${jsonencode(...)} of lists and text beside an ARN known only after apply',
      dir: 'jsonencode-spliced-in-heredocs',
      // The bucket notifications scoped to the bucket and account and the object writes stay quiet;
      // both policies were unresolved (a list spliced in), or invalid JSON (text spliced in unquoted).
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deployer',
        'resource-exposure/public-principal aws_sns_topic.uploads',
      ],
    },
    {
      name: 'templatefile() policies around ARNs known only after apply, decoded by jsondecode() behind `!= null` and merged',
      dir: 'decoded-templates-with-holes',
      // The manager's policy (cache objects, its own group) stays quiet; both were unresolved.
      expected: ['privilege-escalation/pass-role-wildcard aws_iam_role_policy.builder'],
    },
    {
      name: 'a JSON template placing its commas by index() of statements that hold an ARN known only after apply',
      dir: 'template-commas-by-index',
      // The consumer's queue and inputs stay quiet; both policies were unresolved.
      expected: [
        'privilege-escalation/pass-role-to-service aws_iam_role_policy.launch',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.launch',
      ],
    },
    {
      name: 'accounts and grants picked by terraform.workspace, policies attached by a legacy splat indexed by count.index',
      dir: 'workspace-keyed-and-legacy-splats',
      // The default workspace falls back to the development entry: its CI role is trusted and its
      // second policy passes any role (both were unresolved, the attachments dropped as one unknown).
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_policy.deployer[1]',
        'trust-policy/cross-account-external-id aws_iam_role.deployer',
      ],
    },
    {
      name: "the account and partition cut out of the caller's, a role's and a bucket's ARN by split, element, regex, replace and arn_parse",
      dir: 'caller-arn-pieces',
      // The deployer and security roles of the account, the bucket's objects and the worker's own
      // role stay quiet (every policy was unresolved); a `try()` that may fall back stays
      // unresolved. The name after the first `/` of the caller's ARN is one user or role of the
      // account (a root caller, without `/`, fails the plan): the session role trusts one user.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.worker',
        'unverifiable/unresolved-policy aws_iam_role.fallback',
      ],
    },
    {
      name: 'a role module called for_each from tfvars, its statements a map of optional() objects rendered by nested dynamic blocks, an input given null',
      dir: 'statement-maps-of-role-modules',
      // The break-glass role of the account and the pinned subject stay quiet; the caller's
      // `trusted_services = null` turns the service statement off, and its null
      // `trusted_account_ids` (`nullable = false`) is the default, no account (each trust was read
      // from its references alone, a principal unknown: four unverifiable findings).
      expected: [
        'privilege-escalation/pass-role-wildcard module.role["deployer"].aws_iam_role_policy.this[0]',
        'trust-policy/oidc-broad-subject module.role["ci_any"].aws_iam_role.this',
        'trust-policy/oidc-missing-sub module.role["ci_open"].aws_iam_role.this',
      ],
    },
  ];

  it.each(cases)('$name', ({ dir: name, expected }) => {
    const { seen, stderr } = found(name);
    expect(stderr).toBe('');
    // Exactly these: the scoped statements beside them (one queue, one role prefix, the account
    // root on its own key, one service account) stay quiet, and nothing else is left unverifiable.
    expect(seen).toEqual(expected);
  });

  it.each([
    [
      // `resources = "*"` is no `list(string)` (the statement was read without its resources and
      // reported as an invalid policy).
      'a known part its type refuses, beside a value only apply knows',
      'wrong-types.tfvars',
      'the input `policy_statements` of module `role["deployer"]` is not of its type `map(object({...}))`: element "PassAny": attribute "resources": list of string required',
    ],
    [
      // `effect = "Permit"` (it was reported as an invalid policy, exit 1).
      "a value the module's validation block refuses",
      'wrong-effect.tfvars',
      'the input `policy_statements` of module `role["worker"]` fails its validation: Each statement\'s effect is Allow or Deny.',
    ],
  ])("a module input given %s is Terraform's error: one line, exit 2", (_name, varFile, error) => {
    const dirName = dir('statement-maps-of-role-modules');
    const args = ['--hcl', dirName, '-var-file', path.join(dirName, varFile), '--format', 'json'];
    const { status, stdout, stderr } = runTfScan(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([`tf-scan: ${path.join(dirName, 'main.tf')}: ${error}`]);
  });

  it('the plan of the JSON texts with holes, read with the .tf files beside it: the trailing commas are invalid there too', () => {
    const { stdout, stderr } = runTfScan([
      path.join(dir('json-text-with-holes'), 'plan.json'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as Report;
    // The plan shows the spliced document rendered (its variable is given), so it is read and clean.
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort()).toEqual([
      'policy-validity/invalid-policy aws_iam_role_policy.templated',
      'policy-validity/invalid-policy aws_sqs_queue_policy.trailing_comma',
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.dispatch',
      'resource-exposure/public-principal aws_kinesis_resource_policy.open',
    ]);
  });

  it('policies name the roles of a switched count as [0], and of a count only the caller knows by [0] too', () => {
    const { stdout } = runTfScan([
      '--hcl',
      dir('for-each-behind-unread-switch'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    const held = (JSON.parse(stdout) as Report).findings
      .filter((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard')
      .map((f) => `${f.location.address ?? ''} ${f.principal ?? ''}`)
      .sort();
    // Each was reported as a role of its own, the role it names not found.
    expect(held).toEqual([
      'aws_iam_role_policy.first_replica aws_iam_role.replica',
      'module.builder.aws_iam_role_policy.inline["deploy"] module.builder.aws_iam_role.default[0]',
    ]);
  });

  it('a customer managed policy referenced by `aws_iam_policy.x.name` is held by the permission set it is attached to', () => {
    const { stdout } = runTfScan([
      '--hcl',
      dir('permission-sets-from-caller'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    const held = (JSON.parse(stdout) as Report).findings
      .filter((f) => f.location.address === 'aws_iam_policy.release')
      .map((f) => `${f.ruleId} ${f.principal ?? ''}`)
      .sort();
    // The attachment was dropped: the policy was judged alone, held by no one.
    expect(held).toEqual([
      'privilege-escalation/pass-role-to-service aws_ssoadmin_permission_set.release',
      'privilege-escalation/pass-role-wildcard aws_ssoadmin_permission_set.release',
    ]);
  });

  it('members named by the output of a counted user (try() over its instance) hold the policy of their group', () => {
    const { stdout } = runTfScan([
      '--hcl',
      dir('members-from-counted-users'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    const held = (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.principal ?? ''}`).sort();
    // ana's name was unknown, so she was no member; the switched-off user names no one.
    expect(held).toEqual([
      'privilege-escalation/pass-role-wildcard aws_iam_user.contractor["kim"]',
      'privilege-escalation/pass-role-wildcard module.ana.aws_iam_user.this[0]',
      'privilege-escalation/pass-role-wildcard module.releasers.aws_iam_group.this',
    ]);
  });

  it("a module called for_each whose inputs fall back through try() to the caller's defaults: each instance reads its own", () => {
    const { stdout, stderr } = runTfScan([
      '--hcl',
      dir('node-groups-with-defaults'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(stderr).toBe('');
    const held = (JSON.parse(stdout) as Report).findings
      .map((f) => `${f.ruleId} ${f.location.address ?? ''} ${f.principal ?? ''}`)
      .sort();
    // The builders' attachment was unresolved (the first group's inputs read as every group's, and a
    // default without the attribute as a value only apply knows), the launcher held by no one.
    expect(held).toEqual([
      'data-exfiltration/unscoped-read module.cluster.module.node_group["apps"].aws_iam_role.this[0] module.cluster.module.node_group["apps"].aws_iam_role.this[0]',
      'privilege-escalation/pass-role-wildcard aws_iam_policy.launcher module.cluster.module.node_group["builders"].aws_iam_role.this[0]',
    ]);
  });

  it('the plan of the node groups, its policy ARN known only after apply, read with the .tf files beside it', () => {
    const { stdout, stderr } = runTfScan([
      path.join(dir('node-groups-with-defaults'), 'plan.json'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(stderr).toBe('');
    const held = (JSON.parse(stdout) as Report).findings
      .map((f) => `${f.ruleId} ${f.location.address ?? ''} ${f.principal ?? ''}`)
      .sort();
    // The defaults' missing `create_iam_role` was read as a value only apply knows: unresolved there too.
    expect(held).toEqual([
      'data-exfiltration/unscoped-read module.cluster.module.node_group["apps"].aws_iam_role.this[0] module.cluster.module.node_group["apps"].aws_iam_role.this[0]',
      'privilege-escalation/pass-role-wildcard aws_iam_policy.launcher module.cluster.module.node_group["builders"].aws_iam_role.this[0]',
    ]);
  });

  it('statements written out and generated by dynamic blocks are pointed at in declaration order, in .tf and .tf.json', () => {
    const { stdout, stderr } = runTfScan([
      '--hcl',
      dir('statements-in-declared-order'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(stderr).toBe('');
    const pointed = (JSON.parse(stdout) as Report).findings
      .map((f) => `${f.ruleId} ${f.location.address ?? ''} ${f.location.pointer ?? ''}`)
      .sort();
    // The generated statements were placed after every statement written out: the pointers named
    // the bucket listing, a bucket's writes and the account's publishing instead.
    expect(pointed).toEqual([
      'data-exfiltration/unscoped-read aws_iam_role_policy.deployer /Statement/5',
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deployer /Statement/3',
      'resource-exposure/public-principal aws_sns_topic_policy.alerts /Statement/1',
    ]);
  });

  it("users put in a group by a computed key, or listed by a for expression over the users, hold that group's policies only", () => {
    const { stdout, stderr } = runTfScan([
      '--hcl',
      dir('members-by-computed-keys'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(stderr).toBe('');
    const held = (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.principal ?? ''}`).sort();
    // Each membership named every team (the group block named whole), so every user held
    // AdministratorAccess and iam:PassRole on *; the on-call members were unknown.
    expect(held).toEqual([
      'admin-access/full-access aws_iam_group.team["admins"]',
      'admin-access/full-access aws_iam_user.person["ana"]',
      'data-exfiltration/unscoped-read aws_iam_group.on_call',
      'data-exfiltration/unscoped-read aws_iam_user.person["bo"]',
      'privilege-escalation/pass-role-wildcard aws_iam_group.team["deployers"]',
      'privilege-escalation/pass-role-wildcard aws_iam_user.person["bo"]',
    ]);
  });

  it('names of IAM resources written in their blocks are known for_each keys: each role holds what its key attaches', () => {
    const { stdout } = runTfScan(['--hcl', dir('iam-names-as-keys'), '--format', 'json', '--fail-on', 'never']);
    const held = (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.principal ?? ''}`).sort();
    // The module's attachments were one unknown instance: unresolved, and the policy held by no one.
    expect(held).toEqual([
      'privilege-escalation/pass-role-to-service aws_iam_role.ingest',
      'privilege-escalation/pass-role-to-service aws_iam_role.publish',
      'privilege-escalation/pass-role-wildcard aws_iam_role.ingest',
      'privilege-escalation/pass-role-wildcard aws_iam_role.publish',
    ]);
  });

  it("roles and policy files of an environment's var file, as terraform plan -var-file reads them", () => {
    const dirName = dir('roles-from-environment-var-files');
    const scan = (...args: string[]): { held: string[]; stderr: string } => {
      const { stdout, stderr } = runTfScan(['--hcl', dirName, ...args, '--format', 'json', '--fail-on', 'never']);
      const report = JSON.parse(stdout) as { findings: readonly (Finding & { message: string })[] };
      return {
        held: report.findings
          .filter(
            (f) => f.ruleId !== 'data-exfiltration/unscoped-read' && !f.ruleId.startsWith('credentials-exposure/'),
          )
          .map(
            (f) =>
              `${f.ruleId} ${f.location.address ?? ''}${f.ruleId.startsWith('unverifiable/') ? ` ${f.message.replace(/^.*cannot be evaluated: /, '')}` : ''}`,
          )
          .sort(),
        stderr,
      };
    };
    // Without the var file the configuration has no role (`roles` defaults to none): what a plan
    // of an environment creates was not scanned at all.
    expect(scan().held).toEqual([]);
    const prod = scan('-var-file', path.join(dirName, 'env/prod.tfvars'));
    expect(prod.stderr).toBe('');
    // Keyed by `path.module` as Terraform gives it, relative to the root module (it was this
    // machine's absolute path, in every address and fingerprint); the reader's policy stays quiet.
    expect(prod.held).toEqual([
      'privilege-escalation/pass-role-wildcard module.roles["deployer"].aws_iam_role_policy.this["modules/roles/policies/deploy.json"]',
    ]);
    // A policy file the var file names that does not exist is Terraform's error: said, naming the file.
    const dev = scan('--var-file', path.join(dirName, 'env/dev.tfvars'));
    expect(dev.held).toEqual([
      'privilege-escalation/pass-role-wildcard module.roles["deployer"].aws_iam_role_policy.this["modules/roles/policies/deploy.json"]',
      'unverifiable/unresolved-policy module.roles["deployer"].aws_iam_role_policy.this["modules/roles/policies/debug.json"] `modules/roles/policies/debug.json` does not exist (Terraform\'s error: `terraform plan` fails there too)',
    ]);
  });
});
