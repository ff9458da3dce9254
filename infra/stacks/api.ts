import { CfnOutput, type RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Api } from '../constructs/api.ts';
import { StatefulImports, type StatefulStack } from './stateful.ts';

export interface ApiStackProps extends StackProps {
  stateful: StatefulStack;
  throttle?: ThrottleSettings;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/**
 * The one HTTP API (stage, access logs, CORS, JWT authorizer). The area stacks add their routes to
 * it; it knows none of them. It depends only on the stateful stack: the user pool (issuer, clients)
 * and the web app's origin for CORS.
 */
export class ApiStack extends Stack {
  readonly api: Api;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    const { stateful, throttle, removalPolicy, logRetention, ...stackProps } = props;
    super(scope, id, stackProps);
    const imports = new StatefulImports(this, stateful);
    this.api = new Api(this, 'Api', {
      issuer: imports.issuer,
      // The app sends the ID token: it carries custom:org and cognito:groups (functions/lib/auth.ts).
      audience: [imports.value('UserPoolClientId'), imports.value('WebClientId')],
      corsOrigins: [imports.value('WebAppUrl')],
      throttle,
      removalPolicy,
      logRetention,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
  }
}
