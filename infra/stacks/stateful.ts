import { CfnElement, CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import { Alerts } from '../constructs/alerts.ts';
import { Auth } from '../constructs/auth.ts';
import { Data } from '../constructs/data.ts';
import type { TableRef } from '../constructs/function.ts';
import { Web } from '../constructs/web.ts';

export interface StatefulStackProps extends StackProps {
  /** Deletion protection, RETAIN and stack termination protection. Off only for throw-away stacks. */
  deletionProtection: boolean;
  /** The Cognito hosted-UI domain prefix, unique in the region. */
  authDomainPrefix: string;
}

/**
 * What the stateful stack exports, each under the name `<stack name>-<key>`: the contract with the
 * stateless stacks, which import these names (Fn::ImportValue) and never reference the constructs. An
 * export in use cannot be changed or removed, so CloudFormation itself refuses an update that would
 * replace a stateful resource another stack depends on. Add keys; never rename or remove one that a
 * deployed stack imports (test/infra/stateful-resources.json lists them).
 */
export const statefulExports = [
  'TableName',
  'TableArn',
  'BucketName',
  'BucketArn',
  'AlertTopicArn',
  'AlertKeyArn',
  'UserPoolId',
  'UserPoolProviderUrl',
  'UserPoolClientId',
  'WebClientId',
  'HostedUiDomain',
  'WebAppUrl',
  'DistributionId',
  'DistributionDomainName',
  'SiteBucketName',
  'SiteBucketArn',
] as const;
export type StatefulExport = (typeof statefulExports)[number];

/**
 * The logical ids of the stateful resources, fixed: a construct moved or renamed in code must never
 * make CloudFormation replace a table, a bucket, the user pool or the app's URL. They are the ids these
 * resources had in the single Tenderflow stack, so an existing deployment keeps them in place.
 */
const pinnedLogicalIds = (s: StatefulStack): [IConstruct, string][] => [
  [s.data.table, 'DataTableFDBAD0F2'],
  [s.data.bucket, 'DataDocumentsDACEAC53'],
  [s.data.accessLogBucket, 'DataAccessLogsC0C25EE4'],
  [s.auth.userPool, 'AuthUserPool8115E87F'],
  [s.auth.client, 'AuthUserPoolClientC635291F'],
  [s.alerts.key, 'AlertsTopicKey4FD54A73'],
  [s.alerts.topic, 'AlertsTopicCF7C81C9'],
  [s.web.client, 'WebClientDC101A95'],
  [s.web.domain, 'AuthUserPoolHostedUiAF35A5C3'],
  [s.web.bucket, 'WebSiteD504717C'],
  [s.web.cdnLogBucket, 'WebCdnLogs445A0AD1'],
  [s.web.distribution, 'WebCdn4CC4DD0A'],
];

/**
 * Everything that holds data or identity, in one termination-protected stack that code changes do
 * not touch: the table, the documents and log buckets, the user pool (its groups and clients, the
 * hosted UI), the alert topic (its subscriptions are made by hand) and the web app's address (the
 * CloudFront distribution: its name is the app's URL). docs/stacks.md says why.
 */
export class StatefulStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly alerts: Alerts;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    const { deletionProtection, authDomainPrefix, ...stackProps } = props;
    super(scope, id, { terminationProtection: deletionProtection, ...stackProps });
    const removalPolicy = deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.data = new Data(this, 'Data', { deletionProtection });
    this.auth = new Auth(this, 'Auth', { deletionProtection });
    this.alerts = new Alerts(this, 'Alerts', { removalPolicy });
    this.web = new Web(this, 'Web', {
      userPool: this.auth.userPool,
      authDomainPrefix,
      accessLogBucket: this.data.accessLogBucket,
      removalPolicy,
    });
    this.web.allowUploadsFrom(this.data.bucket);

    for (const [construct, logicalId] of pinnedLogicalIds(this)) {
      const cfn = construct.node.defaultChild;
      if (!CfnElement.isCfnElement(cfn))
        throw new Error(`${construct.node.path} has no CloudFormation resource`);
      cfn.overrideLogicalId(logicalId);
    }

    const values: Record<StatefulExport, string> = {
      TableName: this.data.table.tableName,
      TableArn: this.data.table.tableArn,
      BucketName: this.data.bucket.bucketName,
      BucketArn: this.data.bucket.bucketArn,
      AlertTopicArn: this.alerts.topic.topicArn,
      AlertKeyArn: this.alerts.key.keyArn,
      UserPoolId: this.auth.userPool.userPoolId,
      UserPoolProviderUrl: this.auth.userPool.userPoolProviderUrl,
      UserPoolClientId: this.auth.client.userPoolClientId,
      WebClientId: this.web.client.userPoolClientId,
      HostedUiDomain: this.web.domain.baseUrl(),
      WebAppUrl: this.web.url,
      DistributionId: this.web.distribution.distributionId,
      DistributionDomainName: this.web.distribution.distributionDomainName,
      SiteBucketName: this.web.bucket.bucketName,
      SiteBucketArn: this.web.bucket.bucketArn,
    };
    // The outputs are the exports: `WebAppUrl`, `TableName`... as before the split, now importable.
    for (const key of statefulExports) {
      new CfnOutput(this, key, { value: values[key], exportName: this.exportNameOf(key) });
    }
  }

  exportNameOf(key: StatefulExport): string {
    return `${this.stackName}-${key}`;
  }
}

/**
 * The stateful stack's resources as a stateless stack sees them: imported by export name
 * (Fn::ImportValue), so no construct of the stateful stack is ever referenced, or modified, from
 * another stack (grants on these go to the consumer's roles only). Imports create no resources: a
 * value the consumer does not use does not appear in its template.
 */
export class StatefulImports extends Construct {
  readonly table: TableRef;
  readonly bucket: IBucket;
  readonly alertTopic: ITopic;
  readonly siteBucket: IBucket;
  /** https://cognito-idp.<region>.amazonaws.com/<pool id>: the `iss` of the pool's tokens. */
  readonly issuer: string;

  constructor(
    consumer: Stack,
    private readonly stateful: StatefulStack,
  ) {
    super(consumer, 'Stateful');
    consumer.addStackDependency(stateful, 'imports the exports of the stateful stack');
    this.table = { tableArn: this.value('TableArn'), tableName: this.value('TableName') };
    this.bucket = Bucket.fromBucketAttributes(this, 'Documents', {
      bucketArn: this.value('BucketArn'),
      bucketName: this.value('BucketName'),
    });
    this.alertTopic = Topic.fromTopicAttributes(this, 'AlertTopic', {
      topicArn: this.value('AlertTopicArn'),
      keyArn: this.value('AlertKeyArn'),
    });
    this.siteBucket = Bucket.fromBucketAttributes(this, 'Site', {
      bucketArn: this.value('SiteBucketArn'),
      bucketName: this.value('SiteBucketName'),
    });
    this.issuer = `https://${this.value('UserPoolProviderUrl')}`;
  }

  value(key: StatefulExport): string {
    return Fn.importValue(this.stateful.exportNameOf(key));
  }
}
