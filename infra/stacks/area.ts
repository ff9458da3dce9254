import { CfnOutput, type RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionName, type FunctionSpec, functions } from '../../functions/registry.ts';
import { type AreaName, areas, contentsOf } from '../areas.ts';
import { ApiRoutes } from '../constructs/api.ts';
import { TenderflowFunction } from '../constructs/function.ts';
import { type Workflow, Workflows } from '../constructs/workflows.ts';
import type { FunctionCode } from '../function-code.ts';
import type { ApiStack } from './api.ts';
import { StatefulImports, type StatefulStack } from './stateful.ts';

export interface AreaStackProps extends StackProps {
  area: AreaName;
  stateful: StatefulStack;
  api: ApiStack;
  code: FunctionCode;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/**
 * One area of infra/areas.ts: its functions (functions/registry.ts), the API routes they serve
 * (functions/routes.ts) with their integrations and invoke permissions, and the workflows they are
 * the tasks of (workflows/registry.ts). Stateless: it can be destroyed and deployed again at will.
 */
export class AreaStack extends Stack {
  readonly area: AreaName;
  readonly functions: Readonly<Partial<Record<FunctionName, TenderflowFunction>>>;
  readonly workflows: Workflows;
  readonly routes: ApiRoutes;
  private readonly imports: StatefulImports;

  constructor(scope: Construct, id: string, props: AreaStackProps) {
    const { area, stateful, api, code, removalPolicy, logRetention, ...stackProps } = props;
    super(scope, id, { description: `Tenderflow ${area}: ${areas[area].description}`, ...stackProps });
    this.area = area;
    const contents = contentsOf(area);
    this.imports = new StatefulImports(this, stateful);

    const fnScope = new Construct(this, 'Functions');
    const built: Partial<Record<FunctionName, TenderflowFunction>> = {};
    for (const name of contents.functions) {
      built[name] = new TenderflowFunction(fnScope, name, {
        spec: functions[name],
        code: code.code(name),
        removalPolicy,
        logRetention,
      });
    }
    this.functions = built;

    this.workflows = new Workflows(this, 'Workflows', {
      names: contents.workflows,
      functions: built,
      removalPolicy,
      logRetention,
    });
    this.routes = new ApiRoutes(this, 'Routes', { api: api.api, routes: contents.routes, functions: built });

    for (const [name, workflow] of this.workflows.byName) {
      new CfnOutput(this, `${pascal(name)}StateMachineArn`, { value: workflow.stateMachineArn });
    }
  }

  /**
   * Grant each function exactly the access its registry entry declares (and set the matching
   * variables): the table, the documents bucket and the alert topic through the stateful stack's
   * exports, workflows by reference (a workflow of another area makes this stack depend on that one).
   */
  grantAccess(workflowNamed: (name: string) => Workflow): void {
    for (const fn of Object.values(this.functions)) {
      const { access }: FunctionSpec = fn.spec;
      if (access.table) fn.useTable(this.imports.table, access.table);
      if (access.bucket) fn.useBucket(this.imports.bucket, access.bucket);
      for (const workflow of access.startsWorkflows ?? []) fn.useWorkflow(workflowNamed(workflow), 'start');
      for (const workflow of access.describesWorkflows ?? [])
        fn.useWorkflow(workflowNamed(workflow), 'describe');
      if (access.publishesAlerts) fn.useTopic(this.imports.alertTopic);
    }
  }
}

const pascal = (name: string) =>
  name.replace(/(^|[^A-Za-z0-9])([a-z0-9])/g, (_m, _sep: string, ch: string) => ch.toUpperCase());
