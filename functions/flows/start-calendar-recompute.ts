import { createHash } from 'node:crypto';
import { type CountryYear, changedCountryYears } from '../domain/deadlines/calendar-change.ts';
import type { WorkingCalendarSetting } from '../domain/deadlines/official-calendar.ts';
import { startExecution } from './start-execution.ts';
import { calendarsOf } from './working-calendar.ts';

/** The `calendar-recompute` workflow's input. */
export interface CalendarRecomputeInput {
  org: string;
  /** the setting's version that started it (the execution's name: one recompute per change) */
  version: number;
  years: CountryYear[];
}

/**
 * After a calendar change, start `calendar-recompute` for the country-years whose days changed (none:
 * nothing to do). The execution is named after the organisation and the setting's version, so a retried
 * request starts no second run. The request does not wait for it (DESIGN §2 rule 4).
 */
export async function startCalendarRecompute(
  stateMachineArn: string,
  org: string,
  version: number,
  previousValue: unknown,
  next: WorkingCalendarSetting,
): Promise<CountryYear[]> {
  const years = changedCountryYears(calendarsOf(previousValue), next.calendars);
  if (years.length === 0) return years;
  const input: CalendarRecomputeInput = { org, version, years };
  // names allow [A-Za-z0-9_-] and 80 characters: the org as far as it fits, and a hash that tells orgs apart
  const safeOrg = org.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  const tag = createHash('sha256').update(org).digest('hex').slice(0, 8);
  await startExecution(stateMachineArn, `calendar-${safeOrg}-${tag}-v${version}`, input);
  return years;
}
