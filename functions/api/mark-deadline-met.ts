import { planReminders } from '../domain/reminders/plan.ts';
import { rescheduleReminders } from '../domain/reminders/sweep.ts';
import { reminderPlanOf } from '../flows/reminder-plan.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getDeadline, markDeadlineMet, parsePublicDeadlineId, publicDeadlineId } from '../store/deadlines.ts';
import { remindersOf, replaceReminders } from '../store/reminders.ts';
import * as schemas from './schemas/deadlines.ts';

const env = loadEnv(functions.markDeadlineMet.env);

/** POST /deadlines/{id}/met: done — its pending reminders are withdrawn (sent ones stay in history). */
export const handler = httpHandler(schemas.markDeadlineMet, async (req, input) => {
  const { tenderId, deadlineId } = parsePublicDeadlineId(input.path.id);
  const { org, user } = req.caller;
  if (!(await getDeadline(env.TABLE_NAME, org, tenderId, deadlineId)))
    throw notFound(`no deadline ${input.path.id}`);
  const met = await markDeadlineMet(
    env.TABLE_NAME,
    org,
    tenderId,
    deadlineId,
    user,
    systemClock.now().toISOString(),
  );
  const { toDelete, toPut } = rescheduleReminders(
    await remindersOf(env.TABLE_NAME, org, tenderId, deadlineId),
    planReminders(met, await reminderPlanOf(env.TABLE_NAME, org)),
  );
  await replaceReminders(env.TABLE_NAME, org, tenderId, met, toDelete, toPut);
  return json(200, { id: publicDeadlineId(met), ...met });
});
