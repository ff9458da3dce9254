import { resolvePolicy } from '../domain/bid-decision.ts';
import { EconomicsSetting } from '../domain/custom-dev/economics.ts';
import { readPilotPolicy } from '../domain/pilots/policy.ts';
import { ReminderPlanSchema } from '../domain/reminders/plan.ts';
import { hostPatternProblem, webhookUrlProblems } from '../domain/reminders/webhook-target.ts';
import { readWorkingCalendar } from '../flows/working-calendar.ts';
import { badRequest } from '../lib/errors.ts';
import { parseOr400 } from '../lib/validate.ts';
import * as schemas from './schemas/checklist.ts';

/** The webhook setting: a Slack/Teams (or allow-listed) https URL; see domain/reminders/webhook-target.ts. */
function readWebhook(body: unknown) {
  const value = parseOr400(schemas.WebhookSetting, body, 'webhook');
  const allowHosts = value.allowHosts ?? [];
  const problems = [
    ...allowHosts.flatMap((h, i) => {
      const problem = hostPatternProblem(h);
      return problem ? [{ path: `allowHosts.${i}`, message: problem }] : [];
    }),
    ...webhookUrlProblems(value.url, allowHosts).map((message) => ({ path: 'url', message })),
  ];
  if (problems.length > 0) throw badRequest('invalid webhook', problems);
  return value;
}

/**
 * Each setting and how its body is read (a bad one: 400 naming the field). Its own module, without an
 * environment, so that GET /settings/{name} knows the names without PUT's environment.
 */
export const SETTINGS: Record<string, (body: unknown) => unknown> = {
  'bid-policy': (body) => resolvePolicy(body),
  'reminder-plan': (body) => parseOr400(ReminderPlanSchema, body, 'reminder plan'),
  webhook: readWebhook,
  'working-calendar': (body) => readWorkingCalendar(body).setting,
  'custom-dev-economics': (body) => parseOr400(EconomicsSetting, body, 'custom-development economics'),
  'pilot-policy': readPilotPolicy,
};
