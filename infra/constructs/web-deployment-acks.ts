import { Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { nagName } from './nag-names.ts';

/**
 * BucketDeployment's handler is CDK's own singleton Lambda (one per stack and memory size); its
 * findings are acknowledged on it, one grant at a time, with what the grant is for.
 */
export function acknowledgeDeploymentHandler(deployment: BucketDeployment, siteBucket: IBucket) {
  const siteBucketArn = nagName(deployment, siteBucket.bucketArn);
  const handler = deployment.handlerRole.node.scope;
  if (!handler) throw new Error('BucketDeployment handler not found');
  const assets = 'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*';
  const acks: [string, string][] = [
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's deployment handler writes only its own CloudWatch logs; AWSLambdaBasicExecutionRole grants exactly the log-stream actions.",
    ],
    [
      'AwsSolutions-L1',
      "The runtime of CDK's deployment handler is chosen and upgraded by aws-cdk-lib (it bundles the AWS CLI layer for that runtime), not by this app.",
    ],
    [
      `AwsSolutions-IAM5[Resource::${assets}]`,
      "Reading the staged site archives from CDK's bootstrap asset bucket: object names are content hashes known only at deploy time.",
    ],
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action): [string, string] => [
      `AwsSolutions-IAM5[Action::${action}]`,
      `${action} from aws-cdk-lib's read grant: on the bootstrap asset bucket (the archives) and the site bucket (to compare what is deployed), nothing else.`,
    ]),
    ...['s3:Abort*', 's3:DeleteObject*'].map((action): [string, string] => [
      `AwsSolutions-IAM5[Action::${action}]`,
      `${action} from aws-cdk-lib's write grant, on the site bucket only: a deployment replaces the built files.`,
    ]),
    [
      `AwsSolutions-IAM5[Resource::${siteBucketArn}/*]`,
      'The deployment writes every object of the site bucket (the built app), and only that bucket.',
    ],
    [
      'AwsSolutions-IAM5[Resource::*]',
      "cloudfront:CreateInvalidation and GetInvalidation, which aws-cdk-lib's BucketDeployment grants on * (not configurable); used only to invalidate the cached index.html and config.json after a deploy.",
    ],
  ];
  for (const [id, reason] of acks) Validations.of(handler).acknowledge({ id, reason });
}
