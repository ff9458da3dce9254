/**
 * The one table. CDK and the local CreateTable are both built from this definition.
 *
 * Keys (every partition key starts with the caller's organisation, from the verified token):
 *
 * | item            | PK                       | SK              | GSI1PK             | GSI1SK                   |
 * |-----------------|--------------------------|-----------------|--------------------|--------------------------|
 * | tender          | ORG#o#TENDER#t           | TENDER          | ORG#o#TENDERS      | <createdAt>#<tenderId>   |
 * | checklist item  | ORG#o#TENDER#t           | ITEM#<itemId>   | –                  | –                        |
 * | amendment diff  | ORG#o#TENDER#t           | CHANGE#<at>#<ulid> | –               | –                        |
 * | evidence        | ORG#o#EVIDENCE#e         | EVIDENCE        | ORG#o#EVIDENCE     | <createdAt>#<evidenceId> |
 * | setting         | ORG#o#SETTINGS           | <name>          | –                  | –                        |
 * | deadline        | ORG#o#TENDER#t           | DEADLINE#<id>   | ORG#o#DEADLINES    | <dueAt>#<deadlineId>     |
 * | event           | ORG#o#TENDER#t           | EVENT#<at>#<ulid> | –                | –                        |
 * | reminder        | ORG#o#TENDER#t           | REMINDER#<id>   | GSI2: DUE#<yyyy-mm-ddThh> / <sendAt>#<org>#<id> (pending only) |
 * | alert (outbox)  | ORG#o#ALERT#<alertId>    | ALERT           | ORG#o#ALERTS       | <at>#<alertId>           |
 * | sweep checkpoint| SWEEP                    | CHECKPOINT      | –                  | –                        |
 * | audit entry     | ORG#o#AUDIT#TENDER#t, …#EVIDENCE#e, …#SETTING#<name>, …#CDR#<requestId> | <at>#<ulid> | – | – |
 * | idempotency key | ORG#o#IDEMPOTENCY#<key>  | IDEMPOTENCY     | –                  | –                        |
 * | import          | ORG#o#IMPORT#<importId>  | IMPORT          | –                  | –                        |
 * | import result   | ORG#o#IMPORT#<importId>  | RESULT#<n, 6 digits> | –             | –                        |
 * | matrix upload   | ORG#o#MATRIX#<importId>  | MATRIX          | –                  | –                        |
 * | its row results | ORG#o#MATRIX#<importId>  | ROW#<outcome>#<row, 6 digits> | –    | –                        |
 * | same-file lock  | ORG#o#MATRIXFILE#<tenderId>#<sha256> | LOCK | –                | –                        |
 * | custom-dev req. | ORG#o#CDR#<requestId>    | CDR             | ORG#o#CDRS         | <createdAt>#<requestId>  |
 * | pilot           | ORG#o#PILOT#<pilotId>    | PILOT           | ORG#o#PILOTS       | <createdAt>#<pilotId>    |
 * (a pilot's milestone deadlines and reminders are tender-less: under ORG#o#TENDER#-; its audit trail is ORG#o#AUDIT#PILOT#<pilotId>)
 *
 * GSI2 (GSI2PK = DUE#<yyyy-mm-ddThh>, GSI2SK = <dueAt>#<reminderId>) is the reminder due list
 * for the alert sweep; an outbox alert waiting for delivery is in it too
 * (`<deliverAt>#<org>#alert:<alertId>`: new, retry due, or leased by a sweep until the lease ends). `expiresAt` (epoch seconds) is the TTL attribute (idempotency records, matrix uploads and their row results).
 *
 * GSI1 `ORG#o#DEADLINES` by `<dueAt>#<deadlineId>` serves GET /deadlines and the working-calendar recompute:
 * a deadline counted through year Y is due between 31 Dec Y−1 and early in Y+1, so one key-range Query per
 * page (`GSI1SK BETWEEN`, filtered to open rule deadlines) finds every candidate — no index of its own.
 * A sent reminder leaves GSI2 as history (`state: sent`); one superseded by a later reminder of its deadline
 * leaves it too (`state: superseded`, `supersededBy`), never to be sent.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  ttlAttribute: 'expiresAt',
} as const;

/** What an audit trail belongs to: each mutable resource has its own (one Query reads it, newest first). */
export type AuditSubject =
  | { tender: string }
  | { evidence: string }
  | { setting: string }
  | { customDevRequest: string }
  | { pilot: string };

const auditPartition = (subject: AuditSubject) =>
  'pilot' in subject
    ? `PILOT#${subject.pilot}`
    : 'tender' in subject
      ? `TENDER#${subject.tender}`
      : 'evidence' in subject
        ? `EVIDENCE#${subject.evidence}`
        : 'customDevRequest' in subject
          ? `CDR#${subject.customDevRequest}`
          : `SETTING#${subject.setting}`;

/** The sort-key prefix of each kind of item under a tender's partition (a Query with begins_with reads one kind). */
export const sortKeyPrefix = {
  item: 'ITEM#',
  deadline: 'DEADLINE#',
  reminder: 'REMINDER#',
  change: 'CHANGE#',
  event: 'EVENT#',
  /** under an import's partition */
  importResult: 'RESULT#',
} as const;

const tenderPartition = (org: string, tenderId: string) => `ORG#${org}#TENDER#${tenderId}`;

/** The key of every kind of item: the only place that spells one out. */
export const keys = {
  org: (org: string) => `ORG#${org}`,
  /** the partition holding a tender and its items, deadlines, reminders, changes and events */
  tenderPartition,
  tender: (org: string, tenderId: string) => ({ PK: tenderPartition(org, tenderId), SK: 'TENDER' }),
  tendersOfOrg: (org: string) => `ORG#${org}#TENDERS`,
  idempotency: (org: string, key: string) => ({ PK: `ORG#${org}#IDEMPOTENCY#${key}`, SK: 'IDEMPOTENCY' }),
  item: (org: string, tenderId: string, itemId: string) => ({
    PK: tenderPartition(org, tenderId),
    SK: `${sortKeyPrefix.item}${itemId}`,
  }),
  change: (org: string, tenderId: string, at: string, id: string) => ({
    PK: tenderPartition(org, tenderId),
    SK: `${sortKeyPrefix.change}${at}#${id}`,
  }),
  evidence: (org: string, evidenceId: string) => ({
    PK: `ORG#${org}#EVIDENCE#${evidenceId}`,
    SK: 'EVIDENCE',
  }),
  evidenceOfOrg: (org: string) => `ORG#${org}#EVIDENCE`,
  setting: (org: string, name: string) => ({ PK: `ORG#${org}#SETTINGS`, SK: name }),
  deadline: (org: string, tenderId: string, deadlineId: string) => ({
    PK: tenderPartition(org, tenderId),
    SK: `${sortKeyPrefix.deadline}${deadlineId}`,
  }),
  deadlinesOfOrg: (org: string) => `ORG#${org}#DEADLINES`,
  event: (org: string, tenderId: string, at: string, id: string) => ({
    PK: tenderPartition(org, tenderId),
    SK: `${sortKeyPrefix.event}${at}#${id}`,
  }),
  reminder: (org: string, tenderId: string, reminderId: string) => ({
    PK: tenderPartition(org, tenderId),
    SK: `${sortKeyPrefix.reminder}${reminderId}`,
  }),
  alert: (org: string, alertId: string) => ({ PK: `ORG#${org}#ALERT#${alertId}`, SK: 'ALERT' }),
  alertsOfOrg: (org: string) => `ORG#${org}#ALERTS`,
  import: (org: string, importId: string) => ({ PK: `ORG#${org}#IMPORT#${importId}`, SK: 'IMPORT' }),
  importResult: (org: string, importId: string, n: number) => ({
    PK: `ORG#${org}#IMPORT#${importId}`,
    SK: `${sortKeyPrefix.importResult}${String(n).padStart(6, '0')}`,
  }),
  /** a compliance-matrix upload; its row results share the partition (store/matrix-imports.ts) */
  matrixImport: (org: string, importId: string) => ({ PK: `ORG#${org}#MATRIX#${importId}`, SK: 'MATRIX' }),
  /** one upload of the same bytes for the same tender at a time */
  matrixUploadLock: (org: string, tenderId: string, sha256: string) => ({
    PK: `ORG#${org}#MATRIXFILE#${tenderId}#${sha256}`,
    SK: 'LOCK',
  }),
  customDevRequest: (org: string, requestId: string) => ({ PK: `ORG#${org}#CDR#${requestId}`, SK: 'CDR' }),
  customDevRequestsOfOrg: (org: string) => `ORG#${org}#CDRS`,
  pilot: (org: string, pilotId: string) => ({ PK: `ORG#${org}#PILOT#${pilotId}`, SK: 'PILOT' }),
  pilotsOfOrg: (org: string) => `ORG#${org}#PILOTS`,
  /** the partition of one resource's audit trail */
  auditTrail: (org: string, subject: AuditSubject) => `ORG#${org}#AUDIT#${auditPartition(subject)}`,
  audit: (org: string, subject: AuditSubject, at: string, id: string) => ({
    PK: `ORG#${org}#AUDIT#${auditPartition(subject)}`,
    SK: `${at}#${id}`,
  }),
};
