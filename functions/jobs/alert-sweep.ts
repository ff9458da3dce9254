import { sweep } from '../flows/sweep.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { inLogContext } from '../lib/log.ts';
import { functions } from '../registry.ts';

const env = loadEnv(functions.alertSweep.env);

/**
 * Every minute (EventBridge in AWS, a timer locally, `tenderflow sweep --at` on demand): send the
 * reminders that are due, exactly once each. An EventBridge event carries its scheduled `time`;
 * `at` sweeps as of any instant.
 */
export const handler = (event: { at?: string; time?: string } = {}, context?: { awsRequestId?: string }) =>
  inLogContext({ requestId: context?.awsRequestId, task: 'alertSweep' }, () => {
    const at = new Date(event.at ?? event.time ?? systemClock.now().toISOString()).toISOString();
    return sweep(env.TABLE_NAME, at, {
      topicArn: env.ALERT_TOPIC_ARN,
      now: () => systemClock.now().toISOString(),
    });
  });
