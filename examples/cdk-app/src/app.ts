/**
 * The orders API as a CDK app, guarded by iamgate: `IamGuardAspect` reads the same
 * iamgate.config.json as the `cdk-guard` CLI, which requires the `app-boundary` permissions
 * boundary on every role. Synthesize with `-c fixed=true` to get the fixed version.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { IamGuardAspect } from '@iamgate/cdk-guard';

interface OrdersProps extends StackProps {
  /** The least-privilege version: one table, no PassRole, the organization's boundary. */
  readonly fixed: boolean;
}

class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string, props: OrdersProps) {
    super(scope, id, props);
    const table = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      environment: { TABLE_NAME: table.tableName },
    });

    if (props.fixed) {
      // Items of this one table only.
      handler.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
      );
      // The boundary is created by the platform team, outside this app.
      const boundary = iam.ManagedPolicy.fromManagedPolicyName(this, 'Boundary', 'app-boundary');
      iam.PermissionsBoundary.of(this).apply(boundary);
    } else {
      // What iamgate stops: every DynamoDB action on every table, and any role passed anywhere.
      handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
      handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    }
  }
}

// The CDK CLI says where to write the cloud assembly; run with plain `node`, it goes to ./cdk.out.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? path.join(__dirname, '..', 'cdk.out') });
const config: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', 'iamgate.config.json'), 'utf8'));
IamGuardAspect.addTo(app, config as ConstructorParameters<typeof IamGuardAspect>[0]);
const fixed = String(app.node.tryGetContext('fixed')) === 'true';
new OrdersApiStack(app, 'OrdersApi', { fixed });
app.synth();
