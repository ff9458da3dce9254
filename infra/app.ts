import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Aws, type Environment, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BUNDLING_STACKS,
  CURRENTLY_RECOMMENDED_FLAGS,
  DEFAULT_CROSS_STACK_REFERENCES,
} from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionName } from '../functions/registry.ts';
import { type WorkflowName, workflowNames } from '../workflows/registry.ts';
import { type AreaName, areaNames, areaOfFunction, areaOfWorkflow, areas } from './areas.ts';
import { SweepSchedule } from './constructs/alerts.ts';
import type { TenderflowFunction } from './constructs/function.ts';
import { repoRoot } from './constructs/paths.ts';
import type { Workflow } from './constructs/workflows.ts';
import { bundleFunctions, unbundledFunctions } from './function-code.ts';
import { ApiStack } from './stacks/api.ts';
import { AreaStack } from './stacks/area.ts';
import { StatefulStack } from './stacks/stateful.ts';
import { WebStack } from './stacks/web.ts';
import { buildWebApp } from './web-build.ts';

export interface TenderflowProps {
  /**
   * Deletion protection on the table and the user pool, RETAIN on stateful resources, termination
   * protection on the stateful stack. Turn off only for throw-away stacks. @default true
   */
  deletionProtection?: boolean;
  /** @default one month */
  logRetention?: RetentionDays;
  /** @default 50 requests/s, burst 100 */
  apiThrottle?: ThrottleSettings;
  /** The built web app deployed behind CloudFront. @default web/dist */
  webAppDir?: string;
  /** The Cognito hosted-UI domain prefix, unique in the region. @default `<stateful stack name>-<account id>` */
  authDomainPrefix?: string;
  /** @default environment-agnostic */
  env?: Environment;
}

export interface BuildAppOptions {
  /** Bundle the handlers with esbuild (one call for all). Off: template-only synth for tests. @default true */
  bundle?: boolean;
  stackProps?: TenderflowProps;
  /** Extra context, e.g. an `outdir`-independent flag for one test. */
  context?: Record<string, unknown>;
}

/** The stateful stack's id (and the prefix of the others): the name the single stack had. */
export const STACK_ID = 'Tenderflow';
export const stackIds = {
  stateful: STACK_ID,
  api: `${STACK_ID}-Api`,
  area: (area: AreaName) => `${STACK_ID}-${areas[area].stack}`,
  web: `${STACK_ID}-Web`,
};

export interface TenderflowApp {
  app: App;
  stateful: StatefulStack;
  api: ApiStack;
  areas: Readonly<Record<AreaName, AreaStack>>;
  web: WebStack;
  /** Every stack, in deployment order. */
  stacks: readonly Stack[];
  /** Every function of the registry, wherever its area put it. */
  functions: Readonly<Record<FunctionName, TenderflowFunction>>;
  /** A workflow of workflows/registry.ts, in the stack of its area; an unknown name is a registry error. */
  workflow(name: string): Workflow;
}

/**
 * The CDK app: a stateful stack, the API stack, one stack per area (infra/areas.ts) and the web
 * stack (docs/stacks.md), environment-agnostic (no account, no credentials, no lookups), checked by
 * cdk-nag's AwsSolutions pack as a CDK policy-validation plugin, so any finding that is not
 * acknowledged with `Validations.of(construct).acknowledge(...)` fails `cdk synth`.
 * Building has no side effects beyond a temporary bundle directory; call `app.synth()` for the assembly.
 */
export function buildApp(options: BuildAppOptions = {}): TenderflowApp {
  const app = new App({
    context: {
      // The flags `cdk init` would write today; cdk.json / --context still override them.
      ...CURRENTLY_RECOMMENDED_FLAGS,
      // References between stateless stacks are weak (Fn::GetStackOutput): no export locks one area to
      // another. The stateful stack's values are imported by name, always strong (infra/stacks/stateful.ts).
      [DEFAULT_CROSS_STACK_REFERENCES]: 'weak',
      ...(options.bundle === false ? { [BUNDLING_STACKS]: [] } : {}),
      ...options.context,
    },
  });
  const props = options.stackProps ?? {};
  const deletionProtection = props.deletionProtection ?? true;
  const removalPolicy = deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const { logRetention, env } = props;

  const stateful = new StatefulStack(app, stackIds.stateful, {
    env,
    description:
      'Tenderflow stateful: the table, the documents bucket, the user pool, the alert topic and the web address',
    deletionProtection,
    authDomainPrefix: props.authDomainPrefix ?? `${STACK_ID.toLowerCase()}-${Aws.ACCOUNT_ID}`,
  });
  const api = new ApiStack(app, stackIds.api, {
    env,
    description: 'Tenderflow HTTP API: stage, CORS and the JWT authorizer (the areas add the routes)',
    stateful,
    throttle: props.apiThrottle,
    removalPolicy,
    logRetention,
  });

  const code = options.bundle === false ? unbundledFunctions() : bundleFunctions();
  let areaStacks: Record<AreaName, AreaStack>;
  try {
    areaStacks = Object.fromEntries(
      areaNames.map((area) => [
        area,
        new AreaStack(app, stackIds.area(area), {
          env,
          area,
          stateful,
          api,
          code,
          removalPolicy,
          logRetention,
        }),
      ]),
    ) as Record<AreaName, AreaStack>;
  } finally {
    // The assets are staged (copied into the assembly) as the functions are built.
    code.dispose();
  }

  const isWorkflow = (name: string): name is WorkflowName => (workflowNames as string[]).includes(name);
  const workflow = (name: string): Workflow => {
    if (!isWorkflow(name)) throw new Error(`unknown workflow "${name}"; known: ${workflowNames.join(', ')}`);
    return areaStacks[areaOfWorkflow(name)].workflows.get(name);
  };
  for (const area of areaNames) areaStacks[area].grantAccess(workflow);

  const fn = <F extends FunctionName>(name: F): TenderflowFunction => {
    const found = areaStacks[areaOfFunction(name)].functions[name];
    if (!found) throw new Error(`function ${name} is not in the stack of its area`);
    return found;
  };
  const sweepArea = areaStacks[areaOfFunction('alertSweep')];
  new SweepSchedule(sweepArea, 'Alerts', { sweep: fn('alertSweep') });

  const web = new WebStack(app, stackIds.web, {
    env,
    description: 'Tenderflow web app: the built app and its /config.json, published to the site bucket',
    stateful,
    api,
    appDir: props.webAppDir ?? join(repoRoot, 'web', 'dist'),
    removalPolicy,
    logRetention,
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const functions = Object.fromEntries(
    areaNames.flatMap((area) => Object.entries(areaStacks[area].functions)),
  ) as Record<FunctionName, TenderflowFunction>;
  return {
    app,
    stateful,
    api,
    areas: areaStacks,
    web,
    stacks: [stateful, api, ...areaNames.map((area) => areaStacks[area]), web],
    functions,
    workflow,
  };
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

if (invokedDirectly) {
  buildApp({ stackProps: { webAppDir: buildWebApp() } }).app.synth();
}
