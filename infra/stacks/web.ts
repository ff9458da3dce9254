import { type RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { WebPublish } from '../constructs/web.ts';
import type { ApiStack } from './api.ts';
import { StatefulImports, type StatefulStack } from './stateful.ts';

export interface WebStackProps extends StackProps {
  stateful: StatefulStack;
  api: ApiStack;
  /** The built web app (web/dist). */
  appDir: string;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/**
 * Publishes the built web app (and its `/config.json`) to the site bucket of the stateful stack and
 * invalidates its distribution. Last in the order: it needs the API's URL.
 */
export class WebStack extends Stack {
  readonly publish: WebPublish;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    const { stateful, api, appDir, removalPolicy, logRetention, ...stackProps } = props;
    super(scope, id, stackProps);
    const imports = new StatefulImports(this, stateful);
    this.publish = new WebPublish(this, 'Web', {
      appDir,
      siteBucket: imports.siteBucket,
      distribution: Distribution.fromDistributionAttributes(imports, 'Cdn', {
        distributionId: imports.value('DistributionId'),
        domainName: imports.value('DistributionDomainName'),
      }),
      appUrl: imports.value('WebAppUrl'),
      apiBaseUrl: api.api.httpApi.apiEndpoint,
      issuer: imports.issuer,
      clientId: imports.value('WebClientId'),
      hostedUiDomain: imports.value('HostedUiDomain'),
      documentsBucketName: imports.value('BucketName'),
      removalPolicy,
      logRetention,
    });
  }
}
