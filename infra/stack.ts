import { join } from 'node:path';
import { Aws, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionName, type FunctionSpec, functionNames, functions } from '../functions/registry.ts';
import { Alerts } from './constructs/alerts.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { TenderflowFunction } from './constructs/function.ts';
import { repoRoot } from './constructs/paths.ts';
import { Web } from './constructs/web.ts';
import { Workflows } from './constructs/workflows.ts';

export interface TenderflowStackProps extends StackProps {
  /**
   * Deletion protection on the table and the user pool, and RETAIN on stateful resources.
   * Turn off only for throw-away stacks. @default true
   */
  deletionProtection?: boolean;
  /** @default one month */
  logRetention?: RetentionDays;
  /** @default 50 requests/s, burst 100 */
  apiThrottle?: ThrottleSettings;
  /** The built web app deployed behind CloudFront. @default web/dist */
  webAppDir?: string;
  /** The Cognito hosted-UI domain prefix, unique in the region. @default `<stack name>-<account id>` */
  authDomainPrefix?: string;
}

/**
 * Tenderflow on AWS, built from the shared registries: one Lambda per entry of
 * functions/registry.ts (with exactly the access it declares), one route per entry of
 * functions/routes.ts, one state machine per entry of workflows/registry.ts.
 */
export class TenderflowStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly functions: Readonly<Record<FunctionName, TenderflowFunction>>;
  readonly workflows: Workflows;
  readonly alerts: Alerts;
  readonly api: Api;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: TenderflowStackProps = {}) {
    super(scope, id, props);
    const deletionProtection = props.deletionProtection ?? true;
    const removalPolicy = deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const { logRetention } = props;

    this.data = new Data(this, 'Data', { deletionProtection });
    this.auth = new Auth(this, 'Auth', { deletionProtection });

    const fnScope = new Construct(this, 'Functions');
    const built = Object.fromEntries(
      functionNames.map((name) => [
        name,
        new TenderflowFunction(fnScope, name, { spec: functions[name], removalPolicy, logRetention }),
      ]),
    );
    this.functions = built as Record<FunctionName, TenderflowFunction>;

    this.workflows = new Workflows(this, 'Workflows', {
      functions: this.functions,
      removalPolicy,
      logRetention,
    });
    this.alerts = new Alerts(this, 'Alerts', { sweep: this.functions.alertSweep, removalPolicy });

    for (const name of functionNames) {
      const { access }: FunctionSpec = functions[name];
      const fn = this.functions[name];
      if (access.table) fn.useTable(this.data.table, access.table);
      if (access.bucket) fn.useBucket(this.data.bucket, access.bucket);
      for (const workflow of access.startsWorkflows ?? [])
        fn.useWorkflow(this.workflows.get(workflow), 'start');
      for (const workflow of access.describesWorkflows ?? [])
        fn.useWorkflow(this.workflows.get(workflow), 'describe');
      if (access.publishesAlerts) fn.useTopic(this.alerts.topic);
    }

    this.web = new Web(this, 'Web', {
      appDir: props.webAppDir ?? join(repoRoot, 'web', 'dist'),
      userPool: this.auth.userPool,
      authDomainPrefix: props.authDomainPrefix ?? `${this.stackName.toLowerCase()}-${Aws.ACCOUNT_ID}`,
      accessLogBucket: this.data.accessLogBucket,
      removalPolicy,
      logRetention,
    });

    this.api = new Api(this, 'Api', {
      functions: this.functions,
      issuer: this.auth.issuer,
      // The app sends the ID token: it carries custom:org and cognito:groups (functions/lib/auth.ts).
      audience: [this.auth.client.userPoolClientId, this.web.client.userPoolClientId],
      corsOrigins: [this.web.url],
      throttle: props.apiThrottle,
      removalPolicy,
      logRetention,
    });

    this.web.publish({
      apiBaseUrl: this.api.httpApi.apiEndpoint,
      issuer: this.auth.issuer,
      documentsBucket: this.data.bucket,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'WebAppUrl', { value: this.web.url });
    new CfnOutput(this, 'HostedUiDomain', { value: this.web.domain.baseUrl() });
    new CfnOutput(this, 'WebClientId', { value: this.web.client.userPoolClientId });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.data.bucket.bucketName });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    for (const [name, workflow] of this.workflows.byName) {
      new CfnOutput(this, `${pascal(name)}StateMachineArn`, { value: workflow.stateMachineArn });
    }
  }
}

const pascal = (name: string) =>
  name.replace(/(^|[^A-Za-z0-9])([a-z0-9])/g, (_m, _sep: string, ch: string) => ch.toUpperCase());
