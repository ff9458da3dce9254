/**
 * The notice that a deadline is on hold: a recorded event (a complaint to the review body) stopped its
 * period, so its reminders are withdrawn and it cannot be missed until the period runs on. Sent once per
 * suspension (the key is the deadline and the reason), to the bid manager and the deadline's owners.
 */
import { createHash } from 'node:crypto';
import type { Deadline } from '../deadlines/types.ts';
import type { Alert } from './types.ts';

export function suspendedAlert(deadline: Deadline): Alert {
  const reason = deadline.warnings?.find((w) => w.startsWith('suspended on ')) ?? 'suspended';
  const key = ['suspended', deadline.deadlineId, reason].join('\n');
  return {
    alertId: `${deadline.deadlineId}#alert-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`,
    deadlineId: deadline.deadlineId,
    tenderId: deadline.tenderId,
    kind: 'notice',
    title: `[${deadline.risk}] Deadline on hold: ${deadline.title}`,
    text: `${deadline.title}: on hold — ${reason}. No reminders until then.`,
    dueAt: deadline.dueAt,
    timeZone: deadline.timeZone,
    risk: deadline.risk,
    recipients: { roles: ['bid-manager'], owners: [...new Set(deadline.owners)] },
    reminderIds: [],
  };
}
