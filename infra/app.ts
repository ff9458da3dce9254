import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { BUNDLING_STACKS, CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TenderflowStack, type TenderflowStackProps } from './stack.ts';
import { buildWebApp } from './web-build.ts';

export interface BuildAppOptions {
  /** Bundle the handlers with esbuild (slow). Off: template-only synth for tests. @default true */
  bundle?: boolean;
  stackProps?: TenderflowStackProps;
  /** Extra context, e.g. an `outdir`-independent flag for one test. */
  context?: Record<string, unknown>;
}

export const STACK_ID = 'Tenderflow';

/**
 * The CDK app: the Tenderflow stack (environment-agnostic: no account, no credentials, no lookups)
 * checked by cdk-nag's AwsSolutions pack as a CDK policy-validation plugin, so any finding that is
 * not acknowledged with `Validations.of(construct).acknowledge(...)` fails `cdk synth`.
 * Building has no side effects; call `app.synth()` to produce the cloud assembly.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: TenderflowStack } {
  const app = new App({
    context: {
      // The flags `cdk init` would write today; cdk.json / --context still override them.
      ...CURRENTLY_RECOMMENDED_FLAGS,
      ...(options.bundle === false ? { [BUNDLING_STACKS]: [] } : {}),
      ...options.context,
    },
  });
  const stack = new TenderflowStack(app, STACK_ID, {
    description: 'Tenderflow: tender compliance, custom-development assessment and supplier-risk deadlines',
    ...options.stackProps,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

if (invokedDirectly) {
  buildApp({ stackProps: { webAppDir: buildWebApp() } }).app.synth();
}
