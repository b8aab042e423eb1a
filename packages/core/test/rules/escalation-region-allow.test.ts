/**
 * A path's own Allow conditioned on the Region the request is sent to (`aws:RequestedRegion`).
 * IAM answers in one Region of each partition (`us-east-1` in `aws`), so an Allow of an IAM action
 * on another Region grants it nowhere and opens no path; one that admits IAM's Region does. A
 * service whose Region the caller picks (Lambda, `iam:PassRole` checked in the Region of the
 * service it passes to) keeps the open reading: the caller sends its request where the Allow holds.
 */
import { runGuard } from '../../src/analysis/engine';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';

/** The path ids (named or folded into `alsoOpens`) each rule reports on the policy, as `rule path`. */
function pathsOf(statements: unknown[]): string[] {
  const document = { Version: V, Statement: statements };
  const result = runGuard(
    {
      principals: [],
      resources: [],
      policies: [{ type: 'identity', policy: { id: 'p', name: 'p', location: {}, document } }],
      errors: [],
    },
    ESCALATION_CONFIG,
  );
  return result.findings.flatMap((f) => {
    const evidence = f.evidence as { path?: string; alsoOpens?: string[] } | undefined;
    if (evidence?.path === undefined) return [];
    return [evidence.path, ...(evidence.alsoOpens ?? [])].map((p) => `${f.ruleId} ${p}`);
  });
}

const inRegions = (regions: string | string[], operator = 'StringEquals'): unknown => ({
  [operator]: { 'aws:RequestedRegion': regions },
});
const allow = (action: string | string[], resource: string | string[], condition?: unknown): unknown => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const PUT_ROLE_POLICY = 'privilege-escalation/iam-policy-modification iam-005';
const LAMBDA = 'privilege-escalation/pass-role-to-service lambda-001';

describe("an escalation path's own Allow on a Region", () => {
  it.each<[string, unknown[], (paths: string[]) => boolean]>([
    [
      'iam:PutRolePolicy allowed in eu-west-1 only (IAM answers in us-east-1): no path',
      [allow('iam:PutRolePolicy', '*', inRegions('eu-west-1'))],
      (paths) => paths.length === 0,
    ],
    [
      'iam:PutRolePolicy allowed in us-east-1 and eu-west-1: reported',
      [allow('iam:PutRolePolicy', '*', inRegions(['us-east-1', 'eu-west-1']))],
      (paths) => paths.includes(PUT_ROLE_POLICY),
    ],
    [
      'iam:PutRolePolicy allowed in every Region but eu-west-1 (StringNotEquals): reported',
      [allow('iam:PutRolePolicy', '*', inRegions('eu-west-1', 'StringNotEquals'))],
      (paths) => paths.includes(PUT_ROLE_POLICY),
    ],
    [
      'iam:* allowed in the European Regions (StringLike eu-*): no IAM path',
      [allow('iam:*', '*', inRegions('eu-*', 'StringLike'))],
      (paths) => paths.every((p) => !/ iam-/.test(p)),
    ],
    [
      'iam:PutRolePolicy in cn-north-1 on the roles of the China partition (IAM answers there): reported',
      [allow('iam:PutRolePolicy', 'arn:aws-cn:iam::111122223333:role/*', inRegions('cn-north-1'))],
      (paths) => paths.includes(PUT_ROLE_POLICY),
    ],
    [
      'iam:PutRolePolicy in us-east-1 on the roles of the China partition: no path',
      [allow('iam:PutRolePolicy', 'arn:aws-cn:iam::111122223333:role/*', inRegions('us-east-1'))],
      (paths) => paths.length === 0,
    ],
    [
      "iam:PutRolePolicy allowed in the Region of the caller's tag (${aws:PrincipalTag/region}, which may be us-east-1): reported",
      [allow('iam:PutRolePolicy', '*', inRegions('${aws:PrincipalTag/region}'))],
      (paths) => paths.includes(PUT_ROLE_POLICY),
    ],
    [
      "iam:PutRolePolicy allowed in the Regions starting with the caller's tag (StringLike ${aws:PrincipalTag/home}*): reported",
      [allow('iam:PutRolePolicy', '*', inRegions('${aws:PrincipalTag/home}*', 'StringLike'))],
      (paths) => paths.includes(PUT_ROLE_POLICY),
    ],
    [
      'iam:PutRolePolicy allowed in the literal Region eu-west-${*} (an escape, no variable): no path',
      [allow('iam:PutRolePolicy', '*', inRegions('eu-west-${*}', 'StringLike'))],
      (paths) => paths.length === 0,
    ],
    [
      'iam:PutRolePolicy on `*` in us-east-1 beside a statement on the China partition (the policy is read in aws-cn, as its Denies are): no path',
      [
        allow('s3:GetObject', 'arn:aws-cn:s3:::reports/*'),
        allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy'], '*', inRegions('us-east-1')),
      ],
      (paths) => paths.length === 0,
    ],
    [
      'iam:PutRolePolicy on `*` in cn-north-1 beside a statement on the China partition: reported',
      [allow('s3:GetObject', 'arn:aws-cn:s3:::reports/*'), allow('iam:PutRolePolicy', '*', inRegions('cn-north-1'))],
      (paths) => paths.includes(PUT_ROLE_POLICY),
    ],
    [
      'iam:PassRole and Lambda allowed in eu-west-1 (the caller creates and invokes its function there): reported',
      [allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], '*', inRegions('eu-west-1'))],
      (paths) => paths.includes(LAMBDA),
    ],
  ])('%s', (_name, statements, expected) => {
    const paths = pathsOf(statements);
    expect([paths, expected(paths)]).toEqual([paths, true]);
  });
});
