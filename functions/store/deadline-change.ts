import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, Reminder } from '../domain/reminders/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { putAlertOnceRequest } from './alerts.ts';
import { deadlineItem, type StoredDeadline } from './deadlines.ts';
import { reminderWrites } from './reminders.ts';

/** DynamoDB's limit on the items of one transaction. */
const MAX_TRANSACTION = 100;

/**
 * Write one changed deadline with everything that follows from the change, together: its unsent
 * reminders replaced and, when it moved, its "moved" alert put in the outbox (once: the alert's id
 * carries the move and the SEQUENCE). One transaction, so a run that dies half-way leaves the deadline
 * as it was and the next run (a workflow retry) computes and writes the same change again — the alert
 * is derived from the state change, never lost, never doubled. A plan with more than 98 reminder writes
 * (a year of daily "missed" repeats) writes the extra reminders first, in their own transactions: the
 * deadline and the alert are still the last, atomic step.
 *
 * Returns false when the alert was already in the outbox (another run wrote this very change at the same
 * moment): nothing was written by this call.
 */
export async function writeDeadlineChange(
  table: string,
  org: string,
  deadline: StoredDeadline,
  reminders: { toDelete: string[]; toPut: Reminder[] },
  alert: Alert | undefined,
  now: string,
): Promise<boolean> {
  const tenderId = deadline.tenderId ?? '-';
  const writes = reminderWrites(table, org, tenderId, deadline, reminders.toDelete, reminders.toPut);
  const room = MAX_TRANSACTION - 1 - (alert ? 1 : 0);
  const last = writes.length <= room ? writes : writes.slice(writes.length - room);
  const first = writes.slice(0, writes.length - last.length);
  for (let i = 0; i < first.length; i += MAX_TRANSACTION)
    await dynamo().send(new TransactWriteCommand({ TransactItems: first.slice(i, i + MAX_TRANSACTION) }));
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          ...last,
          { Put: { TableName: table, Item: deadlineItem(org, deadline) } },
          ...(alert ? [{ Put: putAlertOnceRequest(table, org, alert, now) }] : []),
        ],
      }),
    );
    return true;
  } catch (e) {
    if (alert && alertExisted(e)) return false;
    throw e;
  }
}

/** The transaction was cancelled by the alert's condition alone (its item is the last). */
function alertExisted(e: unknown): boolean {
  if (!(e instanceof Error) || e.name !== 'TransactionCanceledException') return false;
  const reasons =
    'CancellationReasons' in e && Array.isArray(e.CancellationReasons) ? e.CancellationReasons : [];
  const codes = reasons.map((r: unknown) =>
    typeof r === 'object' && r !== null && 'Code' in r ? String(r.Code) : 'None',
  );
  return codes.at(-1) === 'ConditionalCheckFailed' && codes.slice(0, -1).every((c) => c === 'None');
}
