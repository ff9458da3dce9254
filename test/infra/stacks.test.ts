import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { functionNames } from '../../functions/registry.ts';
import { routes } from '../../functions/routes.ts';
import { areaNames, areaOfFunction, areaOfWorkflow, contentsOf } from '../../infra/areas.ts';
import { statefulExports } from '../../infra/stacks/stateful.ts';
import { workflowNames } from '../../workflows/registry.ts';
import { synthesise } from './harness.ts';

const built = synthesise();
const { stateful, templates } = built;
const json = (stack: Stack) => {
  const template = templates.get(stack);
  if (!template) throw new Error(`no template for ${stack.stackName}`);
  return template.toJSON();
};

/** Every object in a template value that is one intrinsic (`{ 'Fn::X': ... }` or `{ Ref: ... }`). */
function intrinsics(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => intrinsics(v, name));
  if (value === null || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  const own = entries.length === 1 && entries[0]?.[0] === name ? [entries[0][1]] : [];
  return [...own, ...entries.flatMap(([, v]) => intrinsics(v, name))];
}

const pseudoParameters = new Set([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);
const exportsOf = (stack: Stack) =>
  Object.values(json(stack).Outputs ?? {}).flatMap(
    (o) => z.object({ Export: z.object({ Name: z.string() }) }).safeParse(o).data?.Export.Name ?? [],
  );
/** Every stack this one deploys after, directly or not. */
const dependenciesOf = (stack: Stack): Set<Stack> => {
  const all = new Set<Stack>();
  const visit = (s: Stack) => {
    for (const d of s.dependencies) {
      if (!all.has(d)) {
        all.add(d);
        visit(d);
      }
    }
  };
  visit(stack);
  return all;
};

describe('the stacks', () => {
  it('are the stateful stack, the API stack, one stack per area and the web stack', () => {
    expect(built.stacks.map((s) => s.stackName)).toEqual([
      'Tenderflow',
      'Tenderflow-Api',
      ...areaNames.map((a) => built.areas[a].stackName),
      'Tenderflow-Web',
    ]);
  });

  it.each(built.stacks.map((s) => [s.stackName, s] as const))(
    '%s synthesises to a template that stands alone: every Ref and GetAtt names its own resource or parameter',
    (_name, stack) => {
      const template = json(stack);
      const known = new Set([
        ...Object.keys(template.Resources ?? {}),
        ...Object.keys(template.Parameters ?? {}),
      ]);
      const refs = intrinsics(template.Resources, 'Ref').map((r) => z.string().parse(r));
      const atts = intrinsics(template.Resources, 'Fn::GetAtt').map(
        (a) => z.tuple([z.string(), z.unknown()]).parse(a)[0],
      );
      expect([...refs, ...atts].filter((id) => !known.has(id) && !pseudoParameters.has(id))).toEqual([]);
      expect(Object.keys(template.Resources ?? {}).length).toBeGreaterThan(0);
    },
  );

  it.each(built.stacks.map((s) => [s.stackName, s] as const))(
    '%s imports only exports of stacks it is deployed after',
    (_name, stack) => {
      const before = dependenciesOf(stack);
      const available = new Set([...before].flatMap(exportsOf));
      const imports = intrinsics(json(stack), 'Fn::ImportValue').map((i) => z.string().parse(i));
      expect(imports.filter((name) => !available.has(name))).toEqual([]);
      const outputs = intrinsics(json(stack), 'Fn::GetStackOutput').map((o) =>
        z.object({ StackName: z.string(), OutputName: z.string() }).parse(o),
      );
      for (const { StackName, OutputName } of outputs) {
        const producer = [...before].find((s) => s.stackName === StackName);
        expect(producer, `${stack.stackName} reads ${StackName}.${OutputName}`).toBeDefined();
        if (producer) expect(Object.keys(json(producer).Outputs ?? {})).toContain(OutputName);
      }
    },
  );

  it('imports the table and the bucket from the stateful stack by export name in every area that uses them', () => {
    for (const area of areaNames) {
      const imports = intrinsics(json(built.areas[area]), 'Fn::ImportValue');
      expect(imports, area).toContain(stateful.exportNameOf('TableArn'));
    }
    expect(exportsOf(stateful).sort()).toEqual(statefulExports.map((k) => stateful.exportNameOf(k)).sort());
  });

  it('puts the stateful stack first: it depends on no other stack, and every other stack depends on it', () => {
    expect(stateful.dependencies).toEqual([]);
    for (const stack of built.stacks.filter((s) => s !== stateful)) {
      expect(dependenciesOf(stack).has(stateful), stack.stackName).toBe(true);
    }
    expect(stateful.terminationProtection).toBe(true);
  });

  it('keeps data out of the stateless stacks: no table, bucket, user pool, topic or key in them', () => {
    const stateful =
      /^AWS::(DynamoDB::Table|S3::Bucket|Cognito::UserPool|SNS::Topic|KMS::Key|CloudFront::Distribution)$/;
    for (const stack of built.stacks.filter((s) => s !== built.stateful)) {
      const types = Object.values(json(stack).Resources ?? {}).map(
        (r) => z.object({ Type: z.string() }).parse(r).Type,
      );
      expect(
        types.filter((t) => stateful.test(t)),
        stack.stackName,
      ).toEqual([]);
    }
  });

  it('has no dependency cycle, and the API stack depends on nothing but the stateful stack', () => {
    for (const stack of built.stacks) expect(dependenciesOf(stack).has(stack), stack.stackName).toBe(false);
    expect(built.api.dependencies).toEqual([stateful]);
  });
});

describe('areas', () => {
  it('put every function, route and workflow of the registries in exactly one area stack', () => {
    const placed = areaNames.map(contentsOf);
    expect(placed.flatMap((c) => c.functions).sort()).toEqual([...functionNames].sort());
    expect(placed.flatMap((c) => c.routes)).toHaveLength(routes.length);
    expect(placed.flatMap((c) => c.workflows).sort()).toEqual([...workflowNames].sort());
    for (const name of functionNames)
      expect(built.functions[name].stack, name).toBe(built.areas[areaOfFunction(name)]);
    for (const name of workflowNames)
      expect(built.workflow(name).stack, name).toBe(built.areas[areaOfWorkflow(name)]);
  });

  it('each hold functions, and a stack of their own', () => {
    for (const area of areaNames) {
      expect(contentsOf(area).functions.length, area).toBeGreaterThan(0);
      expect(Stack.of(built.areas[area])).toBe(built.areas[area]);
    }
  });
});
