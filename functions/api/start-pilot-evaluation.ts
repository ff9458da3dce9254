import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { failEvaluation } from '../flows/pilot-evaluation.ts';
import { requestEvaluation } from '../flows/pilots.ts';
import { sfn } from '../lib/clients/sfn.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.startPilotEvaluation.env);

/**
 * POST /pilots/{id}/evaluation { measurements }: each measurement must name one of the pilot's criteria
 * (400 naming it); they are recorded as a running evaluation and the pilot-evaluation workflow starts.
 */
export const handler = httpHandler(schemas.startPilotEvaluation, async (req, input) => {
  const { org, user } = req.caller;
  const pilot = await getPilot(env.TABLE_NAME, org, input.path.id);
  if (!pilot) throw notFound(`no pilot ${input.path.id}`);
  const now = systemClock.now().toISOString();
  const running = await requestEvaluation(env.TABLE_NAME, org, pilot, input.body.measurements, user, now);
  const ref = { org, pilotId: pilot.id, evaluationId: running.evaluation.id };
  try {
    const started = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: env.PILOT_EVALUATION_STATE_MACHINE_ARN,
        name: `${pilot.id}-${ref.evaluationId}`,
        input: JSON.stringify(ref),
      }),
    );
    return json(
      202,
      { pilotId: pilot.id, evaluationId: ref.evaluationId, executionId: started.executionArn ?? null },
      { location: `/pilots/${pilot.id}` },
    );
  } catch (error) {
    const cause = 'the evaluation workflow could not be started; send the measurements again';
    await failEvaluation(env.TABLE_NAME, ref, { error: 'WorkflowStartFailed', cause }, now);
    throw error;
  }
});
