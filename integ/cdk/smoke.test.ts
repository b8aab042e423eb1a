import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';

test('smoke', () => {
  const app = new App();
  const stack = new Stack(app, 'Api');
  const role = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const bucket = new s3.Bucket(stack, 'Data');
  bucket.grantRead(role);
  role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  const aspect = new IamGuardAspect();
  Aspects.of(app).add(aspect);
  const asm = app.synth();
  console.log(JSON.stringify(asm.getStackByName('Api').messages, null, 1));
  console.log(JSON.stringify(aspect.report?.input, (_k, v) => (v && v.parts ? String(v) : v), 1).slice(0, 4000));
});
