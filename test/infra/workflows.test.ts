import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import validateAsl from 'asl-validator';
import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../functions/registry.ts';
import { areaOfFunction, areaOfWorkflow } from '../../infra/areas.ts';
import { repoRoot } from '../../infra/constructs/paths.ts';
import { placeholdersIn, type WorkflowSpec, workflowNames, workflows } from '../../workflows/registry.ts';
import { actionsOf, getAtt, logicalId, refIn, resourcesOf, statementsOfRole, synthesise } from './harness.ts';

const built = synthesise();
const { template } = built;
const stack = { functions: built.functions, workflows: { get: built.workflow } };
const resources = template.toJSON().Resources;
const aslOf = (spec: WorkflowSpec) => readFileSync(join(repoRoot, spec.file), 'utf8');
const fnArn = (fn: FunctionName) => getAtt(logicalId(stack.functions[fn]));
const stateMachine = (name: string) => resources[logicalId(stack.workflows.get(name))].Properties;

describe.each(workflowNames)('workflow %s', (name) => {
  const spec: WorkflowSpec = workflows[name];

  it('is in the stack of the area of its tasks (its invoke grants stay within one stack)', () => {
    const area = areaOfWorkflow(name);
    expect(stack.workflows.get(name).stack).toBe(built.areas[area]);
    for (const fn of Object.values(spec.substitutions)) expect(areaOfFunction(fn), fn).toBe(area);
  });

  it('is valid Amazon States Language', () => {
    const result = validateAsl(JSON.parse(aslOf(spec)), { checkPaths: true, checkArn: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('binds every placeholder in its ASL to the ARN of a function in the template', () => {
    const placeholders = placeholdersIn(aslOf(spec));
    expect(placeholders.length).toBeGreaterThan(0);
    const substitutions = stateMachine(name).DefinitionSubstitutions;
    for (const placeholder of placeholders) {
      const fn = spec.substitutions[placeholder];
      expect(fn, `${placeholder} has no registry binding`).toBeDefined();
      if (fn === undefined) continue;
      expect(resources[logicalId(stack.functions[fn])]?.Type).toBe('AWS::Lambda::Function');
      expect(substitutions[placeholder]).toEqual(fnArn(fn));
    }
    expect(Object.keys(substitutions).sort()).toEqual(placeholders.sort());
  });

  it('keeps the ASL as written, so its states are visible in the template', () => {
    expect(JSON.parse(stateMachine(name).DefinitionString)).toEqual(JSON.parse(aslOf(spec)));
  });

  it('is a Standard state machine logging ALL with execution data, traced by X-Ray', () => {
    const props = stateMachine(name);
    expect(props.StateMachineType).toBe('STANDARD');
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
    expect(props.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    expect(props.LoggingConfiguration.Destinations).toHaveLength(1);
  });

  it('may invoke exactly the functions bound in the registry', () => {
    const role = logicalId(stack.workflows.get(name).role);
    const invoke = statementsOfRole(template, role).filter((s) =>
      actionsOf(s).includes('lambda:InvokeFunction'),
    );
    const bound = [...new Set(Object.values(spec.substitutions))];
    expect(invoke).toHaveLength(1);
    const [statement] = invoke;
    expect(statement && actionsOf(statement)).toEqual(['lambda:InvokeFunction']);
    expect(statement && resourcesOf(statement)).toHaveLength(bound.length);
    expect(statement && resourcesOf(statement)).toEqual(expect.arrayContaining(bound.map(fnArn)));
  });

  it('exposes its ARN to the functions that use it through the registry env var', () => {
    const workflow = stack.workflows.get(name);
    const users = Object.entries(stack.functions).filter(([, fn]) =>
      [...(fn.spec.access.startsWorkflows ?? []), ...(fn.spec.access.describesWorkflows ?? [])].includes(
        name,
      ),
    );
    expect(users.length).toBeGreaterThan(0);
    for (const [, fn] of users) {
      // a Ref in the workflow's own stack, a cross-stack reference from another area
      expect(resources[logicalId(fn)].Properties.Environment.Variables[spec.arnEnv]).toEqual(
        refIn(fn, workflow.stateMachineArn),
      );
      if (fn.stack === workflow.stack)
        expect(refIn(fn, workflow.stateMachineArn)).toEqual({ Ref: logicalId(workflow) });
    }
  });
});
