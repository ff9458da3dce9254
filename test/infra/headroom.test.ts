import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../../functions/routes.ts';
import { synthesise } from './harness.ts';
import { FAIL_AT, headroom, quotas, type Usage, WARN_AT } from './quotas.ts';

const built = synthesise();
const section = z.record(z.string(), z.unknown()).optional();
const templateShape = z.object({ Resources: section, Outputs: section, Parameters: section });
const count = (s?: Record<string, unknown>) => Object.keys(s ?? {}).length;

const usages: Usage[] = built.stacks.flatMap((stack) => {
  const t = templateShape.parse(built.templates.get(stack)?.toJSON());
  return [
    { where: stack.stackName, quota: 'resourcesPerStack', used: count(t.Resources) },
    { where: stack.stackName, quota: 'outputsPerStack', used: count(t.Outputs) },
    { where: stack.stackName, quota: 'parametersPerStack', used: count(t.Parameters) },
  ];
});
const all = built.template;
usages.push(
  {
    where: 'the HTTP API',
    quota: 'routesPerApi',
    used: count(all.findResources('AWS::ApiGatewayV2::Route')),
  },
  {
    where: 'the HTTP API',
    quota: 'integrationsPerApi',
    used: count(all.findResources('AWS::ApiGatewayV2::Integration')),
  },
  {
    where: 'the account (this app)',
    quota: 'stateMachinesPerAccount',
    used: count(all.findResources('AWS::StepFunctions::StateMachine')),
  },
);

describe('headroom under the AWS quotas', () => {
  it(`keeps every stack, the API and the account under ${FAIL_AT * 100} % of each quota`, () => {
    const { failures, warnings, largest } = headroom(usages);
    if (warnings.length > 0)
      console.warn(`past ${WARN_AT * 100} % (split an area in infra/areas.ts soon):\n${warnings.join('\n')}`);
    expect(failures, `largest: ${largest.slice(0, 5).join('; ')}`).toEqual([]);
  });

  it(`keeps each stack under ${WARN_AT * 100} % of the resource limit today (DESIGN.md section 2: split an area before)`, () => {
    const over = usages.filter(
      (u) => u.quota === 'resourcesPerStack' && u.used > WARN_AT * quotas.resourcesPerStack,
    );
    expect(
      over.map((u) => `${u.where}: ${u.used}`),
      'add an area to infra/areas.ts and move functions there',
    ).toEqual([]);
  });

  it('counts what the app deploys: one route per route table entry, on one API', () => {
    expect(usages.find((u) => u.quota === 'routesPerApi')?.used).toBe(routes.length);
    expect(count(all.findResources('AWS::ApiGatewayV2::Api'))).toBe(1);
  });

  it('fails past 80 % and only warns between 60 and 80 %', () => {
    const at = (used: number): Usage => ({ where: 'a stack', quota: 'resourcesPerStack', used });
    expect(headroom([at(300)])).toMatchObject({ failures: [], warnings: [] });
    expect(headroom([at(301)]).warnings).toEqual(['a stack: 301 of 500 resourcesPerStack (60 %)']);
    expect(headroom([at(400)]).failures).toEqual([]);
    expect(headroom([at(401)]).failures).toEqual(['a stack: 401 of 500 resourcesPerStack (80 %)']);
    expect(headroom([{ where: 'the HTTP API', quota: 'routesPerApi', used: 241 }]).failures).toHaveLength(1);
    expect(headroom([{ where: 'a stack', quota: 'outputsPerStack', used: 161 }]).failures).toHaveLength(1);
  });
});
