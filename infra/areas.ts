import { type FunctionName, functionNames, functions } from '../functions/registry.ts';
import { routes } from '../functions/routes.ts';
import { type WorkflowName, workflowNames, workflows } from '../workflows/registry.ts';

/**
 * The product's areas: each is one stateless CloudFormation stack holding its functions (from
 * functions/registry.ts, by their `area`), the API routes those functions serve (functions/routes.ts)
 * and the workflows whose tasks they are (workflows/registry.ts). A new area is one entry here;
 * moving a function is its `area` in the registry. docs/stacks.md says why.
 */
export const areas = {
  platform: {
    stack: 'Platform',
    description: 'health, the OpenAPI document and organisation settings',
  },
  tenders: {
    stack: 'Tenders',
    description: 'tender import and intake, checklist, evidence, readiness and the bid decision',
  },
  deadlines: {
    stack: 'Deadlines',
    description: 'deadlines, procurement events, calendars and the alert sweep',
  },
  customDev: {
    stack: 'CustomDev',
    description: 'custom-development requests: assessment, business case, decision and specification',
  },
  pilots: {
    stack: 'Pilots',
    description: 'pilots: scoping, lifecycle, evaluation and the conversion decision',
  },
  spreadsheets: {
    stack: 'Spreadsheets',
    description: 'requirements from spreadsheets, the compliance matrix and the bid package',
  },
} as const satisfies Record<string, { stack: string; description: string }>;

export type AreaName = keyof typeof areas;
export const areaNames = Object.keys(areas) as AreaName[];

// Compile-time: every registry entry names an area of this list (tsc names the entry that does not).
type RegistryArea = (typeof functions)[FunctionName]['area'];
const everyRegistryAreaIsKnown: [Exclude<RegistryArea, AreaName>] extends [never] ? true : false = true;
void everyRegistryAreaIsKnown;

/** The area of a function: its registry entry's `area`. */
export const areaOfFunction = (name: FunctionName): AreaName => functions[name].area;

/**
 * The area of a workflow: the area of the functions it binds (a workflow lives with its tasks, so the
 * state machine's invoke grants never cross a stack). Tasks from two areas are a registry error.
 */
export function areaOfWorkflow(name: WorkflowName): AreaName {
  const bound = [...new Set(Object.values(workflows[name].substitutions))];
  const found = [...new Set(bound.map(areaOfFunction))];
  const [area, ...others] = found;
  if (area === undefined || others.length > 0) {
    throw new Error(
      `workflow ${name} binds functions of ${found.length === 0 ? 'no area' : `areas ${found.join(', ')}`} (${bound
        .map((fn) => `${fn}: ${areaOfFunction(fn)}`)
        .join(', ')}): a workflow and its tasks live in one area`,
    );
  }
  return area;
}

/** What one area holds, all derived from the registries. */
export function contentsOf(area: AreaName) {
  return {
    functions: functionNames.filter((fn) => areaOfFunction(fn) === area),
    routes: routes.filter((route) => areaOfFunction(route.fn) === area),
    workflows: workflowNames.filter((wf) => areaOfWorkflow(wf) === area),
  };
}
