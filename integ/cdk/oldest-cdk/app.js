// A CDK app written with the API aws-cdk-lib has had since 2.100, guarded by the Aspect or by
// the validation plugin: `node app.js aspect|plugin OUTDIR [stages-only]` (see oldest-cdk.test.ts).
'use strict';
const path = require('node:path');
const { App, NestedStack, Stack, Stage, Aspects } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const s3 = require('aws-cdk-lib/aws-s3');
const { IamGuard, IamGuardAspect, IamGuardValidation } = require(path.join(__dirname, '../../../packages/cdk-guard'));

const [mode, outdir, variant] = process.argv.slice(2);
const config = { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } };
const app = new App({
  outdir,
  context: { '@aws-cdk/core:validationReportJson': true },
  ...(mode === 'plugin' ? { policyValidationBeta1: [new IamGuardValidation(config)] } : {}),
});
const env = { account: '111122223333', region: 'eu-west-1' };
const lambdaPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');

// `stages-only`: an app whose stacks are all in stages.
const team = new Stack(variant === 'stages-only' ? new Stage(app, 'Dev', { env }) : app, 'Team', { env });
const bounded = (scope, id) => {
  const role = new iam.Role(scope, id, { assumedBy: lambdaPrincipal });
  iam.PermissionsBoundary.of(role).apply(
    iam.ManagedPolicy.fromManagedPolicyName(scope, `${id}Boundary`, 'app-boundary'),
  );
  return role;
};
// Least privilege: no finding.
new s3.Bucket(team, 'Data').grantRead(bounded(team, 'Reader'));
// `iam:PassRole` on `*`.
bounded(team, 'Deployer').addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
// No permissions boundary.
new iam.Role(team, 'Outsider', { assumedBy: lambdaPrincipal });
// A finding suppressed on the construct.
const admin = bounded(team, 'BreakGlass');
admin.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
IamGuard.suppress(admin, { rule: 'wildcard-action/service-wildcard', reason: 'break-glass role, reviewed' });

// A nested stack: its template is an asset of its parent's.
const inner = new NestedStack(team, 'Inner');
bounded(inner, 'Builder').addToPrincipalPolicy(
  new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
);

// A stage: its stacks are synthesized into an assembly of their own.
const prod = new Stage(app, 'Prod', { env });
const api = new Stack(prod, 'Api');
bounded(api, 'Operator').addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
// A role `Role.customizeRoles` keeps out of the template: an administrator creates it from the IAM
// policy report CDK writes at the top of the output directory.
const jobs = new Stack(prod, 'Jobs');
iam.Role.customizeRoles(jobs, { usePrecreatedRoles: { 'Prod/Jobs/Deployer': 'jobs-deployer' } });
new s3.Bucket(jobs, 'Artifacts');
new iam.Role(jobs, 'Deployer', { assumedBy: lambdaPrincipal }).addToPrincipalPolicy(
  new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }),
);

if (mode === 'aspect') IamGuardAspect.addTo(app, config);
if (mode === 'aspect-plain') Aspects.of(app).add(new IamGuardAspect(config));
app.synth();
