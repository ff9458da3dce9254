import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { log } from '../lib/log.ts';
import { functions } from '../registry.ts';

const env = loadEnv(functions.alertSweep.env);

export interface SweepResult {
  at: string;
  sent: number;
}

/**
 * Every minute (EventBridge in AWS, a timer locally, `tenderflow sweep --at` on demand): send the
 * reminders that are due. No reminders exist yet — the deadlines issue fills this in; until then
 * it reports that it ran and sent nothing.
 */
export const handler = async (event: { at?: string } = {}): Promise<SweepResult> => {
  const at = event.at ?? systemClock.now().toISOString();
  log.info('alert sweep', { at, table: env.TABLE_NAME, sent: 0 });
  return { at, sent: 0 };
};
