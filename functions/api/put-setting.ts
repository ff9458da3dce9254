import { resolvePolicy } from '../domain/bid-decision.ts';
import { EconomicsSetting } from '../domain/custom-dev/economics.ts';
import { WorkingCalendarSetting } from '../domain/deadlines/official-calendar.ts';
import { readPilotPolicy } from '../domain/pilots/policy.ts';
import { ReminderPlanSchema } from '../domain/reminders/plan.ts';
import { hostPatternProblem, webhookUrlProblems } from '../domain/reminders/webhook-target.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, notFound } from '../lib/errors.ts';
import { etagOf, ifMatchVersion, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { parseOr400 } from '../lib/validate.ts';
import { functions } from '../registry.ts';
import { getSetting, putSetting } from '../store/settings.ts';
import * as schemas from './schemas/checklist.ts';

const env = loadEnv(functions.putSetting.env);

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

/** Each setting and how its body is read (a bad one: 400 naming the field). */
export const SETTINGS: Record<string, (body: unknown) => unknown> = {
  'bid-policy': (body) => resolvePolicy(body),
  'reminder-plan': (body) => parseOr400(ReminderPlanSchema, body, 'reminder plan'),
  webhook: readWebhook,
  'working-calendar': (body) => parseOr400(WorkingCalendarSetting, body, 'working calendar'),
  'custom-dev-economics': (body) => parseOr400(EconomicsSetting, body, 'custom-development economics'),
  'pilot-policy': readPilotPolicy,
};

/**
 * PUT /settings/{name} (admin, If-Match — `"0"` when it was never set): the organisation's bid/no-bid
 * policy (thresholds and weights; missing fields take the defaults), reminder plan, or alert webhook.
 */
export const handler = httpHandler(schemas.putSetting, async (req, input) => {
  const name = input.path.name;
  // Own names only: `constructor`, `__proto__`, `valueOf`… are the object's, not settings.
  const read = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
  if (!read) throw notFound(`no setting ${name}; settings are: ${Object.keys(SETTINGS).join(', ')}`);
  const expected = ifMatchVersion(req.header('if-match'));
  const value = read(req.json());
  const current = await getSetting(env.TABLE_NAME, req.caller.org, name);
  if ((current?.version ?? 0) !== expected) throw preconditionFailed(current?.version ?? 0, expected);
  const version = await putSetting(
    env.TABLE_NAME,
    req.caller.org,
    name,
    value,
    expected,
    req.caller.user,
    systemClock.now().toISOString(),
    current?.value,
  );
  return json(200, { name, value }, { etag: etagOf(version) });
});
