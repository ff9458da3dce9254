import { fileURLToPath } from 'node:url';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { type BuildAppOptions, buildApp } from '../../infra/app.ts';
import type { StatefulExport } from '../../infra/stacks/stateful.ts';

/**
 * The Tenderflow app synthesised without bundling the handlers (the templates are the same apart
 * from asset hashes). cdk-nag still runs: synth throws on any unacknowledged finding.
 *
 * `template` is every stack's resources in one view (logical ids are unique across the app, checked
 * here), for assertions about the product as a whole; `templateOf(construct)` is the template of the
 * stack a construct is in. References across stacks are `{ 'Fn::ImportValue': ... }` (to the stateful
 * stack) or weak references (between stateless stacks): `imported` and `refIn` spell them.
 */
export function synthesise(options: BuildAppOptions = {}) {
  // The default app is synthesised once per worker and shared by the files it runs (the infra project
  // does not isolate its files): the tests read it and never add to it. Variants are built afresh.
  if (Object.keys(options).length > 0) return synthesiseApp(options);
  shared ??= synthesiseApp({});
  return shared;
}
let shared: ReturnType<typeof synthesiseApp> | undefined;

function synthesiseApp(options: BuildAppOptions) {
  const built = buildApp(withPlaceholderWebApp({ bundle: false, ...options }));
  const templates = new Map(built.stacks.map((stack) => [stack, Template.fromStack(stack)]));
  const templateOf = (construct: IConstruct): Template => {
    const template = templates.get(Stack.of(construct));
    if (!template) throw new Error(`${construct.node.path} is in no stack of the app`);
    return template;
  };
  const resources: Record<string, unknown> = {};
  for (const [stack, template] of templates) {
    for (const [id, resource] of Object.entries(template.toJSON().Resources ?? {})) {
      if (id in resources) throw new Error(`logical id ${id} is in two stacks (one is ${stack.stackName})`);
      resources[id] = resource;
    }
  }
  const template = Template.fromJSON({ Resources: resources });
  /** `{ 'Fn::ImportValue': '<stateful stack>-<key>' }`: how a stateless stack reads a stateful export. */
  const imported = (key: StatefulExport) => ({ 'Fn::ImportValue': built.stateful.exportNameOf(key) });
  /** The value of one of the stateful stack's exports, as its template declares it. */
  const exportedValue = (key: StatefulExport): unknown =>
    templateOf(built.stateful).toJSON().Outputs[key]?.Value;
  return { ...built, templates, templateOf, template, imported, exportedValue };
}

/** A token as it appears in the template of the stack `consumer` is in (after synthesis): a Ref, a GetAtt, or a cross-stack reference. */
export const refIn = (consumer: IConstruct, value: string): unknown => Stack.of(consumer).resolve(value);

/**
 * The infra tests deploy a placeholder for web/dist (test/fixtures/web-dist: an index.html and one
 * asset), so they do not depend on building the app; `cdk synth` builds and deploys the real one.
 */
export const placeholderWebApp = fileURLToPath(new URL('../fixtures/web-dist', import.meta.url));

export const withPlaceholderWebApp = (options: BuildAppOptions): BuildAppOptions => ({
  ...options,
  stackProps: { webAppDir: placeholderWebApp, ...options.stackProps },
});

/** The logical ID of an L2 construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild;
  if (!cfn || !CfnElement.isCfnElement(cfn))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(cfn).getLogicalId(cfn);
}

const statement = z.object({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.unknown(),
});
export type Statement = z.infer<typeof statement>;
const policy = z.object({
  Properties: z.object({ PolicyDocument: z.object({ Statement: z.array(statement) }) }),
});

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] =>
  Array.isArray(s.Resource) ? s.Resource : [s.Resource];

/** Every statement of the inline policies attached to a role (by the role's logical ID). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleLogicalId }] },
  });
  return Object.values(policies).flatMap((p) => policy.parse(p).Properties.PolicyDocument.Statement);
}

export const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
