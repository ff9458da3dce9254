import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { z } from 'zod';
import type { envVar } from '../../functions/lib/env.ts';
import type { BucketAccess, BucketSpace, FunctionSpec, TableAccess } from '../../functions/registry.ts';
import { HANDLER } from '../function-code.ts';
import { nagName } from './nag-names.ts';
import type { Workflow } from './workflows.ts';

type EnvName = keyof typeof envVar;
const TABLE_NAME: EnvName = 'TABLE_NAME';
const BUCKET_NAME: EnvName = 'BUCKET_NAME';
const ALERT_TOPIC_ARN: EnvName = 'ALERT_TOPIC_ARN';

/** The item actions of the stores (Get/BatchGet/Query; TransactWrite's ConditionCheck). No Scan. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** The IAM object pattern of a key space: any organisation, any object in that space. */
export const objectKeyPattern = (space: BucketSpace) => `orgs/*/${space}/*`;

/** Runtime flags set here for every function; not part of any function's own configuration. */
const RUNTIME_ADDED_ENV = new Set(['NODE_OPTIONS']);

const renderedEnvironment = z.object({ variables: z.record(z.string(), z.unknown()).optional() }).optional();

/** A table as a function needs it (the stateful stack's, imported by name and ARN). */
export interface TableRef {
  readonly tableArn: string;
  readonly tableName: string;
}

export interface TenderflowFunctionProps {
  spec: FunctionSpec;
  /** The bundle (infra/function-code.ts: all handlers built in one esbuild call). */
  code: Code;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/**
 * One Lambda function from functions/registry.ts with the shared defaults (Node 24 on arm64, the ESM
 * bundle of infra/bundling.ts, X-Ray, its own log group and role). Access is granted only through the `use*` methods,
 * each of which grants and sets the matching environment variable in one call; synth fails if the
 * variables set differ from the function's env schema (derived from its registry access: a `use*` call
 * the access does not declare, or an access the stack does not grant, is a synth error).
 */
export class TenderflowFunction extends LambdaFunction {
  readonly spec: FunctionSpec;
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: TenderflowFunctionProps) {
    const { spec } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs on every log group): write to its own log group only.
    logGroup.grantWrite(role);

    super(scope, id, {
      code: props.code,
      handler: HANDLER,
      description: spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 256,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
    });
    this.spec = spec;
    this.executionRole = role;
    // CDK no longer sets this for `sourceMap`; without it Node ignores the .map files.
    this.addEnvironment('NODE_OPTIONS', '--enable-source-maps');

    this.acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      'Added by tracing: ACTIVE. xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    );
    this.node.addValidation({ validate: () => this.environmentMismatch() });
  }

  /**
   * Table access plus TABLE_NAME. `describe` is DescribeTable only (health). `read` and `readWrite`
   * are the item actions our stores use, on the table and its indexes — never Scan (no function
   * scans: every list is a Query), no streams, no DescribeTable.
   */
  useTable(table: TableRef, access: TableAccess): this {
    if (access === 'describe') {
      this.addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }),
      );
    } else {
      const actions = [...TABLE_READ_ACTIONS, ...(access === 'readWrite' ? TABLE_WRITE_ACTIONS : [])];
      this.addToRolePolicy(
        new PolicyStatement({ actions, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
      );
      this.acknowledge(
        `AwsSolutions-IAM5[Resource::${nagName(this, table.tableArn)}/index/*]`,
        'The data grant covers the GSIs of this one table (GSI1 tender listing, GSI2 reminder due list) via <table>/index/*; no other table.',
      );
    }
    this.addEnvironment(TABLE_NAME, table.tableName);
    return this;
  }

  /**
   * Bucket access plus BUCKET_NAME. `describe` is s3:ListBucket only (HeadBucket, health). Otherwise
   * s3:GetObject on the key spaces it reads and s3:PutObject on those it writes (any `orgs/<org>/<space>/` key),
   * nothing else in the bucket and never a delete; a reader also gets s3:ListBucket, without which
   * S3 answers a missing object with 403 instead of 404 (an upload not made yet must read as absent).
   */
  useBucket(bucket: IBucket, access: BucketAccess): this {
    if (access === 'describe') {
      this.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      );
    } else {
      const grant = (action: string, spaces: readonly BucketSpace[] = []) => {
        if (spaces.length === 0) return;
        this.addToRolePolicy(
          new PolicyStatement({
            actions: [action],
            resources: spaces.map((space) => bucket.arnForObjects(objectKeyPattern(space))),
          }),
        );
        for (const space of spaces)
          this.acknowledge(
            `AwsSolutions-IAM5[Resource::${nagName(this, bucket.bucketArn)}/${objectKeyPattern(space)}]`,
            `Object keys are orgs/<org>/${space}/<server-generated id>: the wildcards are the organisation and the id, within the ${space} key space only.`,
          );
      };
      grant('s3:GetObject', access.read);
      grant('s3:PutObject', access.write);
      if (access.read?.length)
        this.addToRolePolicy(
          new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
        );
    }
    this.addEnvironment(BUCKET_NAME, bucket.bucketName);
    return this;
  }

  /** `start`: states:StartExecution; `describe`: states:DescribeStateMachine — on this state machine only. */
  useWorkflow(workflow: Workflow, mode: 'start' | 'describe'): this {
    if (mode === 'start') workflow.grantStartExecution(this);
    else workflow.grant(this, 'states:DescribeStateMachine');
    this.addEnvironment(workflow.arnEnv, workflow.stateMachineArn);
    return this;
  }

  /** sns:Publish on the alert topic (and use of its KMS key) plus ALERT_TOPIC_ARN. */
  useTopic(topic: ITopic): this {
    topic.grantPublish(this);
    if (topic.masterKey) {
      this.acknowledge(
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        "Publishing to the encrypted alert topic needs kms:GenerateDataKey* on the topic's own KMS key, and on no other key.",
      );
    }
    this.addEnvironment(ALERT_TOPIC_ARN, topic.topicArn);
    return this;
  }

  private acknowledge(id: string, reason: string): void {
    Validations.of(this.executionRole).acknowledge({ id, reason });
  }

  private environmentMismatch(): string[] {
    const rendered = renderedEnvironment.parse(Stack.of(this).resolve(this.environmentProperty()));
    const actual = Object.keys(rendered?.variables ?? {}).filter((k) => !RUNTIME_ADDED_ENV.has(k));
    const expected = Object.keys(this.spec.env.shape);
    const missing = expected.filter((k) => !actual.includes(k));
    const extra = actual.filter((k) => !expected.includes(k));
    if (missing.length === 0 && extra.length === 0) return [];
    return [
      `${this.node.id}: environment differs from its registry env schema (missing: ${missing.join(', ') || '-'}; unexpected: ${extra.join(', ') || '-'}); grant access through access in functions/registry.ts`,
    ];
  }

  private environmentProperty(): unknown {
    const cfn = this.node.defaultChild;
    return cfn && 'environment' in cfn ? cfn.environment : undefined;
  }
}
