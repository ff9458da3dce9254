import { describe, expect, expectTypeOf, it } from 'vitest';
import { loadEnv } from '../../functions/lib/env.ts';
import { functionNames, functions, workflowArnEnv } from '../../functions/registry.ts';
import { workflowNames, workflows } from '../../workflows/registry.ts';

/** What each kind of access implies, written out independently of defineFunction. */
function impliedEnv(name: (typeof functionNames)[number]): string[] {
  const access: {
    table?: unknown;
    bucket?: unknown;
    publishesAlerts?: boolean;
    startsWorkflows?: readonly string[];
    describesWorkflows?: readonly string[];
  } = functions[name].access;
  return [
    ...(access.table ? ['TABLE_NAME'] : []),
    ...(access.bucket ? ['BUCKET_NAME'] : []),
    ...(access.publishesAlerts ? ['ALERT_TOPIC_ARN'] : []),
    ...[...(access.startsWorkflows ?? []), ...(access.describesWorkflows ?? [])].map(
      (w) => workflows[w as keyof typeof workflows].arnEnv,
    ),
  ].sort();
}

describe('the function registry: env derived from access', () => {
  it.each(functionNames)('%s: its env schema is exactly what its access implies', (name) => {
    expect(Object.keys(functions[name].env.shape).sort()).toEqual(impliedEnv(name));
  });

  it.each(workflowNames)('the %s workflow ARN variable follows the naming rule', (w) => {
    expect(workflowArnEnv(w)).toBe(workflows[w].arnEnv);
  });

  it('keeps loadEnv typed by the derived schema, and refuses a malformed ARN', () => {
    const env = loadEnv(functions.importTender.env, {
      TABLE_NAME: 't',
      BUCKET_NAME: 'b',
      TENDER_INTAKE_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:1:stateMachine:x',
      PACKAGE_INTAKE_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:1:stateMachine:y',
    });
    expectTypeOf(env).toEqualTypeOf<{
      TABLE_NAME: string;
      BUCKET_NAME: string;
      TENDER_INTAKE_STATE_MACHINE_ARN: string;
      PACKAGE_INTAKE_STATE_MACHINE_ARN: string;
    }>();
    expect(env.TENDER_INTAKE_STATE_MACHINE_ARN).toMatch(/^arn:/);
    expect(() => loadEnv(functions.alertSweep.env, { TABLE_NAME: 't', ALERT_TOPIC_ARN: 'topic' })).toThrow(
      /ALERT_TOPIC_ARN/,
    );
  });
});
