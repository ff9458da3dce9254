import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/store/table-definition.ts';
import { getAtt, logicalId, synthesise } from './harness.ts';

const built = synthesise();
const { stateful, template } = built;
const stack = { data: stateful.data, alerts: stateful.alerts, functions: built.functions };
const resources = template.toJSON().Resources;

describe('DynamoDB table', () => {
  it('is the table definition, on demand, with PITR, deletion protection, AWS-managed encryption and TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
    });
  });

  it('has every GSI of the table definition', () => {
    const gsis = resources[logicalId(stack.data.table)].Properties.GlobalSecondaryIndexes;
    expect(gsis).toEqual(
      tableDefinition.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('is retained with the stack by default', () => {
    expect(resources[logicalId(stack.data.table)].DeletionPolicy).toBe('Retain');
  });

  it('is in the stateful stack, which has termination protection', () => {
    expect(stack.data.table.stack).toBe(stateful);
    expect(stateful.terminationProtection).toBe(true);
  });

  it('can be created without deletion protection for throw-away stacks', () => {
    const scratchApp = synthesise({ stackProps: { deletionProtection: false } });
    const scratch = scratchApp.template;
    scratch.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    scratch.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    scratch.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' });
    expect(scratchApp.stateful.terminationProtection).toBe(false);
  });
});

describe('documents bucket', () => {
  const bucket = () => resources[logicalId(stack.data.bucket)].Properties;

  it('is versioned, private, encrypted and logs access to the log bucket', () => {
    expect(bucket()).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.data.accessLogBucket) } },
    });
  });

  it('expires noncurrent versions and aborts incomplete multipart uploads', () => {
    expect(bucket().LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
    ]);
  });

  it.each([
    ['documents', () => stack.data.bucket],
    ['access log', () => stack.data.accessLogBucket],
  ])('the %s bucket denies requests without TLS', (_name, which) => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(which()) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('alerts', () => {
  it('publishes to a KMS-encrypted topic that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: getAtt(logicalId(stack.alerts.key)),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs the alert sweep every minute, from the stack of the sweep', () => {
    const rule = Object.keys(built.templateOf(stack.functions.alertSweep).findResources('AWS::Events::Rule'));
    expect(rule).toHaveLength(1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: getAtt(logicalId(stack.functions.alertSweep)) })],
    });
  });
});
