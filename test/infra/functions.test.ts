import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import {
  type BucketSpace,
  bucketSpaces,
  type FunctionSpec,
  functionNames,
  functions,
} from '../../functions/registry.ts';
import { specKeyOf } from '../../functions/store/custom-dev-requests.ts';
import { documentKeys } from '../../functions/store/documents.ts';
import { evidenceObjectKey } from '../../functions/store/evidence.ts';
import { matrixKeys } from '../../functions/store/matrix-files.ts';
import { uploadKeys } from '../../functions/store/uploads.ts';
import { areaOfFunction } from '../../infra/areas.ts';
import { objectKeyPattern, TenderflowFunction } from '../../infra/constructs/function.ts';
import { unbundledFunctions } from '../../infra/function-code.ts';
import { actionsOf, getAtt, logicalId, refIn, resourcesOf, statementsOfRole, synthesise } from './harness.ts';

const built = synthesise();
const { template, imported, exportedValue } = built;
const stack = { functions: built.functions, workflows: { get: built.workflow } };
const fnId = (name: keyof typeof stack.functions) => logicalId(stack.functions[name]);
const statementsOf = (name: keyof typeof stack.functions) =>
  statementsOfRole(template, logicalId(stack.functions[name].executionRole));
const allowedActions = (name: keyof typeof stack.functions) => statementsOf(name).flatMap(actionsOf);

// The table and the bucket are the stateful stack's, imported by export name (never a construct reference).
const tableArn = imported('TableArn');
const bucketArn = imported('BucketArn');
/** tender-intake's ARN as the stack of `fn` refers to it (a Ref in its own area, a cross-stack reference elsewhere). */
const intakeArnIn = (fn: keyof typeof stack.functions) =>
  refIn(stack.functions[fn], stack.workflows.get('tender-intake').stateMachineArn);
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('Lambda functions', () => {
  it("builds one function per registry entry (and CDK's web-site deployment handler)", () => {
    const ids = Object.keys(template.findResources('AWS::Lambda::Function'));
    expect(ids.filter((id) => !id.startsWith('CustomCDKBucketDeployment'))).toHaveLength(
      functionNames.length,
    );
    expect(ids).toHaveLength(functionNames.length + 1);
  });

  it.each(functionNames)('%s is in the stack of its area', (name) => {
    expect(stack.functions[name].stack).toBe(built.areas[areaOfFunction(name)]);
  });

  it('reads the table and the bucket the stateful stack exports', () => {
    expect(exportedValue('TableArn')).toEqual(getAtt(logicalId(built.stateful.data.table)));
    expect(exportedValue('BucketArn')).toEqual(getAtt(logicalId(built.stateful.data.bucket)));
    expect(
      template.toJSON().Resources[fnId('getTender')].Properties.Environment.Variables.TABLE_NAME,
    ).toEqual(imported('TableName'));
  });

  it.each(functionNames)('%s sets exactly the environment keys of its zod env schema', (name) => {
    const spec: FunctionSpec = functions[name];
    const resource = template.toJSON().Resources[fnId(name)];
    const variables: Record<string, unknown> = resource.Properties.Environment?.Variables ?? {};
    const keys = Object.keys(variables).filter((k) => k !== 'NODE_OPTIONS');
    expect(keys.sort()).toEqual(Object.keys(spec.env.shape).sort());
  });

  it.each(functionNames)(
    '%s runs Node 24 on arm64 with X-Ray, its own log group and the registry sizing',
    (name) => {
      const spec: FunctionSpec = functions[name];
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: spec.memoryMb ?? 256,
        Timeout: spec.timeoutSeconds ?? 10,
        LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
        Environment: Match.objectLike({
          Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps' }),
        }),
      });
    },
  );

  it('keeps function logs for a month', () => {
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('fails synth when a function is not given the environment its schema declares', () => {
    const app = new App({ context: { [BUNDLING_STACKS]: [] } });
    const lonely = new Stack(app, 'Lonely');
    const code = unbundledFunctions();
    new TenderflowFunction(lonely, 'getTender', {
      spec: functions.getTender,
      code: code.code('getTender'),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    code.dispose();

    expect(() => app.synth()).toThrow(
      /environment differs from its registry env schema \(missing: TABLE_NAME/,
    );
  });
});

describe('IAM is least privilege', () => {
  it('never grants "*" or a whole-service wildcard action', () => {
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap(actionsOf),
    );
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/.test(a))).toEqual([]);
  });

  it('uses no AWS managed policies on function roles', () => {
    for (const name of functionNames) {
      const role = template.toJSON().Resources[logicalId(stack.functions[name].executionRole)];
      expect(role.Properties.ManagedPolicyArns, name).toBeUndefined();
    }
  });

  it.each(['getTender', 'listTenders'] as const)(
    '%s reads the table but cannot write it or touch S3',
    (name) => {
      const actions = allowedActions(name);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions.filter((a) => writeActions.includes(a))).toEqual([]);
      expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('states:'))).toEqual([]);
    },
  );

  it('importTender can start executions of the two intake state machines only, and never delete objects (it reads uploads)', () => {
    const states = statementsOf('importTender').filter((s) =>
      actionsOf(s).some((a) => a.startsWith('states:')),
    );
    const intakeArn = intakeArnIn('importTender');
    const packageArn = refIn(
      stack.functions.importTender,
      stack.workflows.get('package-intake').stateMachineArn,
    );
    expect(states).toEqual([
      {
        Effect: 'Allow',
        Action: 'states:StartExecution',
        Resource: expect.arrayContaining([intakeArn, packageArn]),
      },
    ]);
    expect(states[0] && resourcesOf(states[0])).toHaveLength(2);
    expect(allowedActions('importTender').filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
  });

  it('health can only describe the table, head the bucket and describe the intake state machine', () => {
    const grants = statementsOf('health').filter((s) => !actionsOf(s).some((a) => /^(logs|xray):/.test(a)));
    expect(grants).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:DescribeTable', Resource: tableArn },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
      { Effect: 'Allow', Action: 'states:DescribeStateMachine', Resource: intakeArnIn('health') },
    ]);
  });

  it('functions without table or bucket access get no data-plane actions', () => {
    expect(allowedActions('openapi').filter((a) => !/^(logs|xray):/.test(a))).toEqual([]);
    expect(allowedActions('normalizeTender').filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('only the alert sweep publishes alerts (API handlers and tasks only write the outbox)', () => {
    const publishers = functionNames.filter(
      (n) => (functions[n].access as { publishesAlerts?: boolean }).publishesAlerts,
    );
    expect(publishers.sort()).toEqual(['alertSweep']);
    for (const name of functionNames) {
      expect(allowedActions(name).includes('sns:Publish'), name).toBe(publishers.includes(name));
    }
  });

  it('grants no function dynamodb:Scan (every list is a Query), nor table streams', () => {
    for (const name of functionNames)
      expect(
        allowedActions(name).filter((a) => /^dynamodb:(Scan|GetRecords|GetShardIterator)$/.test(a)),
        name,
      ).toEqual([]);
  });

  const objectsIn = (space: string) => ({ 'Fn::Join': ['', [bucketArn, `/orgs/*/${space}/*`]] });
  const s3Statements = (name: keyof typeof stack.functions) =>
    statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));

  it('getEvidence reads evidence objects only; the presigners write only their own key space', () => {
    expect(s3Statements('getEvidence')).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: objectsIn('evidence') },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
    ]);
    expect(s3Statements('createEvidence')).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: objectsIn('evidence') },
    ]);
    expect(s3Statements('createImportUpload')).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: objectsIn('uploads') },
    ]);
  });

  it('never grants an object action on the whole bucket', () => {
    for (const name of functionNames)
      for (const s of s3Statements(name))
        expect(JSON.stringify(s.Resource), `${name} ${actionsOf(s)}`).not.toMatch(/"\/\*"/);
  });

  it('every key the stores generate lies in the key space the registry names for it', () => {
    const inSpace = (key: string, space: BucketSpace) =>
      new RegExp(`^${objectKeyPattern(space).replaceAll('*', '[^]*')}$`).test(key);
    expect(inSpace(documentKeys.raw('acme', 'ab'), 'raw')).toBe(true);
    expect(inSpace(documentKeys.split('acme', 'ab'), 'split')).toBe(true);
    expect(inSpace(documentKeys.normalized('acme', 't-1', 'ab'), 'normalized')).toBe(true);
    expect(inSpace(uploadKeys.import('acme'), 'uploads')).toBe(true);
    expect(inSpace(evidenceObjectKey('acme', 'e-1'), 'evidence')).toBe(true);
    expect(inSpace(evidenceObjectKey('acme', 'e-1'), 'uploads')).toBe(false);
    expect(inSpace(specKeyOf('acme', 'cdr-1'), 'specs')).toBe(true);
    expect(inSpace(matrixKeys.file('acme', 'm-1'), 'matrices')).toBe(true);
    expect(inSpace(matrixKeys.planPage('acme', 'm-1', 3), 'matrices')).toBe(true);
    expect([...bucketSpaces].sort()).toEqual([
      'evidence',
      'matrices',
      'normalized',
      'packages',
      'raw',
      'specs',
      'split',
      'uploads',
    ]);
  });

  it('lets each function write only to its own log group', () => {
    for (const name of functionNames) {
      const logs = statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
      const ownLogGroup = template.toJSON().Resources[fnId(name)].Properties.LoggingConfig.LogGroup.Ref;
      expect(logs.flatMap(resourcesOf), name).toEqual([getAtt(ownLogGroup)]);
    }
  });
});
