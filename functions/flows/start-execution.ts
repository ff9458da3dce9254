import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../lib/clients/sfn.ts';

/** Start a workflow execution with a deterministic name (a repeat of the same start is the same execution). */
export async function startExecution(
  stateMachineArn: string,
  name: string,
  input: unknown,
): Promise<string | undefined> {
  try {
    const res = await sfn().send(
      new StartExecutionCommand({ stateMachineArn, name: name.slice(0, 80), input: JSON.stringify(input) }),
    );
    return res.executionArn;
  } catch (e) {
    if (e instanceof Error && e.name === 'ExecutionAlreadyExists') return undefined;
    throw e;
  }
}
