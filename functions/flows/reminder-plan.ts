import { defaultReminderPlan, type ReminderPlan, ReminderPlanSchema } from '../domain/reminders/plan.ts';
import type { Reminder } from '../domain/reminders/types.ts';
import { getSetting } from '../store/settings.ts';

// The reminder plan and the catch-up rule, shared by a tender's schedule (schedule.ts re-exports them) and
// pilot milestones: in their own module so a handler that needs only these does not bundle the tender
// deadline computation (rule packs, holiday calendars).

/**
 * Reminders whose time has already passed when they are planned (a tender imported 3 days before
 * its deadline has no use for "14 days before"): only the latest of them is kept, due now — so it
 * lands in the current due bucket, where the next sweep reads it.
 */
export function catchUp(reminders: Reminder[], now: string): Reminder[] {
  const past = reminders.filter((r) => r.sendAt <= now);
  const latest = past.reduce<Reminder | undefined>((a, r) => (!a || r.sendAt > a.sendAt ? r : a), undefined);
  return reminders.flatMap((r) => (past.includes(r) ? (r === latest ? [{ ...r, sendAt: now }] : []) : [r]));
}

export async function reminderPlanOf(table: string, org: string): Promise<ReminderPlan> {
  const stored = await getSetting(table, org, 'reminder-plan');
  const parsed = stored ? ReminderPlanSchema.safeParse(stored.value) : undefined;
  return parsed?.success ? parsed.data : defaultReminderPlan;
}
