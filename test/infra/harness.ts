import { fileURLToPath } from 'node:url';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { type BuildAppOptions, buildApp } from '../../infra/app.ts';

/**
 * The Tenderflow app synthesised without bundling the handlers (the template is the same apart
 * from asset hashes). cdk-nag still runs: synth throws on any unacknowledged finding.
 */
export function synthesise(options: BuildAppOptions = {}) {
  const built = buildApp(withPlaceholderWebApp({ bundle: false, ...options }));
  return { ...built, template: Template.fromStack(built.stack) };
}

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
