import { startCalendarRecompute } from '../flows/start-calendar-recompute.ts';
import { acceptPlausible, readWorkingCalendar } from '../flows/working-calendar.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf, ifMatchVersion, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getSetting, putSetting } from '../store/settings.ts';
import * as schemas from './schemas/checklist.ts';
import { SETTINGS } from './settings.ts';

const env = loadEnv(functions.putSetting.env);

/**
 * PUT /settings/{name} (admin, If-Match — `"0"` when it was never set): the organisation's bid/no-bid
 * policy (thresholds and weights; missing fields take the defaults), reminder plan, alert webhook,
 * economics, pilot policy or official working calendars. A working calendar that looks implausible is
 * refused unless confirmed (the confirmation is audited); once written, a change of its days starts
 * `calendar-recompute`, which moves the open deadlines counted through the changed years.
 */
export const handler = httpHandler(schemas.putSetting, async (req, input) => {
  const name = input.path.name;
  // Own names only: `constructor`, `__proto__`, `valueOf`… are the object's, not settings.
  const read = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
  if (!read) throw notFound(`no setting ${name}; settings are: ${Object.keys(SETTINGS).join(', ')}`);
  const expected = ifMatchVersion(req.header('if-match'));
  const calendar = name === 'working-calendar' ? readWorkingCalendar(req.json()) : undefined;
  const value = calendar ? calendar.setting : read(req.json());
  const { org, user } = req.caller;
  const current = await getSetting(env.TABLE_NAME, org, name);
  if ((current?.version ?? 0) !== expected) throw preconditionFailed(current?.version ?? 0, expected);
  const acknowledged = calendar ? acceptPlausible(calendar, current?.value) : [];
  const version = await putSetting(
    env.TABLE_NAME,
    org,
    name,
    value,
    expected,
    user,
    systemClock.now().toISOString(),
    current?.value,
    acknowledged.length > 0 ? { confirmedImplausible: acknowledged } : {},
  );
  if (calendar)
    await startCalendarRecompute(
      env.CALENDAR_RECOMPUTE_STATE_MACHINE_ARN,
      org,
      version,
      current?.value,
      calendar.setting,
    );
  return json(200, { name, value }, { etag: etagOf(version) });
});
