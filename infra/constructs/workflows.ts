import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionName } from '../../functions/registry.ts';
import { placeholdersIn, type WorkflowName, type WorkflowSpec, workflows } from '../../workflows/registry.ts';
import { repoRoot } from './paths.ts';

export interface WorkflowProps {
  workflowName: string;
  spec: WorkflowSpec;
  /** the functions it binds (its tasks, in the same stack) */
  functions: Readonly<Partial<Record<FunctionName, IFunction>>>;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/**
 * One Standard state machine from an ASL file in workflows/: each `${Placeholder}` is substituted
 * with the ARN of the function the registry binds to it, and the state machine may invoke exactly
 * those functions.
 */
export class Workflow extends StateMachine {
  readonly workflowName: string;
  /** the env var through which functions find this state machine's ARN */
  readonly arnEnv: string;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    const { spec, functions } = props;
    const asl = readFileSync(join(repoRoot, spec.file), 'utf8');
    assertBindingsMatch(props.workflowName, asl, spec);
    const bound = Object.entries(spec.substitutions).map(([placeholder, name]) => {
      const fn = functions[name];
      if (!fn)
        throw new Error(`workflow ${props.workflowName}: its task ${name} is not in ${scope.node.path}`);
      return { placeholder, fn };
    });
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      // The /aws/vendedlogs/ prefix keeps the account's CloudWatch Logs resource policy small.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(scope).stackName}-${props.workflowName}`,
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });

    super(scope, id, {
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: Object.fromEntries(
        bound.map(({ placeholder, fn }) => [placeholder, fn.functionArn]),
      ),
      stateMachineType: StateMachineType.STANDARD,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    this.workflowName = props.workflowName;
    this.arnEnv = spec.arnEnv;

    // The ASL invokes the unqualified ARNs, so no `:*` version/alias wildcard is granted.
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [...new Set(bound.map(({ fn }) => fn.functionArn))],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by logs and tracingEnabled: the CloudWatch Logs log-delivery APIs and the X-Ray APIs do not support resource-level permissions.',
    });
  }
}

export interface WorkflowsProps {
  /** the workflows to build (an area's) */
  names: readonly WorkflowName[];
  functions: Readonly<Partial<Record<FunctionName, IFunction>>>;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/** Workflows of workflows/registry.ts (one area's). */
export class Workflows extends Construct {
  readonly byName: ReadonlyMap<string, Workflow>;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const { names, ...shared } = props;
    this.byName = new Map(
      names.map((name) => [
        name,
        new Workflow(this, name, { ...shared, workflowName: name, spec: workflows[name] }),
      ]),
    );
  }

  /** The workflow a registry entry names; an unknown name is a registry error. */
  get(name: string): Workflow {
    const workflow = this.byName.get(name);
    if (!workflow)
      throw new Error(`unknown workflow "${name}"; known: ${[...this.byName.keys()].join(', ')}`);
    return workflow;
  }
}

function assertBindingsMatch(name: string, asl: string, spec: WorkflowSpec): void {
  const used = placeholdersIn(asl);
  const bound = Object.keys(spec.substitutions);
  const unbound = used.filter((p) => !bound.includes(p));
  const unused = bound.filter((p) => !used.includes(p));
  if (unbound.length > 0 || unused.length > 0) {
    throw new Error(
      `workflow ${name} (${spec.file}): placeholders without a binding: ${unbound.join(', ') || '-'}; bindings not in the ASL: ${unused.join(', ') || '-'}`,
    );
  }
}
