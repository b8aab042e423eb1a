/** A fixed guard result for formatter tests, written out by hand (not produced by the engine). */
import type { GuardResult } from '../../src/analysis/finding';

export const FINGERPRINT_A = 'a'.repeat(64);
const FINGERPRINT_B = 'b'.repeat(64);
export const FINGERPRINT_C = 'c'.repeat(64);

export const RESULT: GuardResult = {
  findings: [
    {
      ruleId: 'privilege-escalation/pass-role-wildcard',
      category: 'privilege-escalation',
      severity: 'error',
      message: 'role `module.api.aws_iam_role.app` may pass any role (`iam:PassRole` on `*`)',
      location: { file: 'plan.json', address: 'module.api.aws_iam_role_policy.app', pointer: '/Statement/1' },
      principal: 'module.api.aws_iam_role.app',
      fingerprint: FINGERPRINT_A,
      evidence: { actions: ['iam:PassRole'] },
    },
    {
      ruleId: 'wildcard-action/service-wildcard',
      category: 'wildcard-action',
      severity: 'warning',
      message: 'role `Api/AppRole` is allowed every `s3` action (`s3:*`), a|b',
      location: {
        file: 'cdk.out/Api.template.json',
        stack: 'Api',
        logicalId: 'AppRoleDefaultPolicy1B2C3D4',
        constructPath: 'Api/AppRole/DefaultPolicy/Resource',
        pointer: '/Statement/0',
      },
      principal: 'Api/AppRole',
      fingerprint: FINGERPRINT_B,
    },
  ],
  suppressed: [
    {
      ruleId: 'resource-exposure/public-principal',
      category: 'resource-exposure',
      severity: 'error',
      message: 'resource `aws_s3_bucket_policy.site` allows any principal (`"Principal": "*"`) to call `s3:GetObject`',
      location: { file: 'plan.json', address: 'aws_s3_bucket_policy.site', pointer: '/Statement/0' },
      fingerprint: FINGERPRINT_C,
      suppression: { reason: 'public website, by design', expires: '2027-01-31', source: 'config: /suppressions/0' },
    },
  ],
  errors: [{ file: 'broken.json', pointer: '/Statement', message: 'expected an array' }],
  summary: { error: 1, warning: 1, info: 0, suppressed: 1 },
  statements: new Map([[FINGERPRINT_A, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]]),
};

export const CONTEXT = { toolVersion: '0.1.0', color: false, command: 'tf-scan' };
