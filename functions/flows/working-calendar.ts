import * as z from 'zod/mini';
import { newOrChanged } from '../domain/deadlines/calendar-change.ts';
import { WorkingCalendarSetting } from '../domain/deadlines/official-calendar.ts';
import { type CalendarConcern, calendarConcerns } from '../domain/deadlines/plausibility.ts';
import { badRequest } from '../lib/errors.ts';
import { fieldErrors } from '../lib/validate.ts';

/**
 * `PUT /settings/working-calendar`'s body: the setting, and `confirmImplausible: true` when the admin
 * keeps a calendar that looks wrong (see domain/deadlines/plausibility.ts). The flag is not stored in the
 * setting; the concerns it acknowledged go to the audit entry.
 */
export interface WorkingCalendarInput {
  setting: WorkingCalendarSetting;
  confirmImplausible: boolean;
}

const Confirm = z.optional(z.boolean());
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readWorkingCalendar(body: unknown): WorkingCalendarInput {
  const { confirmImplausible, ...rest } = isRecord(body) ? body : { confirmImplausible: undefined };
  const confirm = Confirm.safeParse(confirmImplausible);
  const setting = WorkingCalendarSetting.safeParse(isRecord(body) ? rest : body);
  if (!confirm.success || !setting.success) {
    // both at once, so every failing field is named
    const errors = [
      ...(confirm.success ? [] : [{ path: 'confirmImplausible', message: 'expected true or false' }]),
      ...(setting.success ? [] : fieldErrors(setting.error.issues)),
    ];
    throw badRequest('invalid working calendar', errors);
  }
  return { setting: setting.data, confirmImplausible: confirm.data === true };
}

/**
 * Refuse a new or changed calendar that looks implausible (400 naming each date and field), unless the
 * admin confirmed it; an unchanged calendar was accepted before and is not judged again. Returns the
 * concerns the confirmation acknowledged (for the audit entry), empty when there were none.
 */
export function acceptPlausible(input: WorkingCalendarInput, previousValue: unknown): CalendarConcern[] {
  const previous = calendarsOf(previousValue);
  const concerns = newOrChanged(previous, input.setting.calendars).flatMap((i) => {
    const cal = input.setting.calendars[i];
    return cal ? calendarConcerns(cal, `calendars.${i}`) : [];
  });
  if (concerns.length > 0 && !input.confirmImplausible)
    throw badRequest(
      'implausible working calendar: correct it, or send "confirmImplausible": true to keep it as it is',
      concerns,
    );
  return concerns;
}

/** The official calendars of a stored setting value (none when unset or unreadable). */
export function calendarsOf(value: unknown): WorkingCalendarSetting['calendars'] {
  const parsed = value === undefined || value === null ? undefined : WorkingCalendarSetting.safeParse(value);
  return parsed?.success ? parsed.data.calendars : [];
}
