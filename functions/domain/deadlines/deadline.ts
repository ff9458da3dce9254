/**
 * One deadline from a draft: its stable id, its status as of `now`; and the entry point for deadlines other
 * modules own (custom-development decisions, pilot milestones) so they share the same shape and rules.
 */
import { DateTime } from 'luxon';
import { readInstant } from '../time.ts';
import { deadlineId } from './deadline-id.ts';
import type {
  Deadline,
  DeadlineKind,
  DeadlineRisk,
  DeadlineSource,
  DeadlineStatus,
  ProcurementEvent,
  ProcurementEventType,
} from './types.ts';

/** The tender, or one of its lots; `prefix` turns a tender field into the lot's (`lots[<id>].`). */
export interface Scope {
  lotId: string | null;
  prefix: string;
  /** the tender or lot was cancelled / unsuccessful / withdrawn */
  cancelled: boolean;
}

export interface Draft {
  scope: Scope;
  kind: DeadlineKind;
  risk: DeadlineRisk;
  title: string;
  at: string;
  allDay: boolean;
  source: DeadlineSource;
  owners?: string[];
  /** the procurement event(s) that meet it (for the lot, or for the whole tender) */
  metBy?: ProcurementEventType | readonly ProcurementEventType[];
  /** only events recorded at or after this instant meet it (the start of its period) */
  metAfter?: string;
  /** its period is stopped by a recorded event (a complaint) and not yet resumed */
  suspended?: boolean;
  /** met by something other than an event (a checklist item answered) */
  met?: boolean;
  cancelled?: boolean;
  /** what may make it wrong (a guessed zone, a count through a year with no confirmed calendar) */
  warnings?: string[];
}

export interface FinishContext {
  tenderId: string | null;
  zone: string;
  now: string;
  owners: string[];
  /** the last recorded event per type and lot (see latestEvents) */
  metEvents: ReadonlyMap<string, ProcurementEvent>;
}

export const eventKey = (type: ProcurementEventType, lotId: string | null) => JSON.stringify([type, lotId]);

/** The last recorded event per type and lot: a re-recorded event corrects the earlier one. */
export function latestEvents(events: readonly ProcurementEvent[]): Map<string, ProcurementEvent> {
  const latest = new Map<string, ProcurementEvent>();
  for (const e of events) latest.set(eventKey(e.type, e.lot ?? null), e);
  return latest;
}

const millis = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis();
const utc = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toUTC().toISO() as string;

/**
 * Status as of `now`: met (by one of its events — for the lot or for the whole tender — or by its own flag);
 * cancelled (its tender, lot or item no longer applies); suspended (its period is stopped by a recorded
 * event); missed once `dueAt` has passed; else open.
 * An informational deadline nothing can meet (an award period end, a standstill end) is a milestone the
 * supplier only watches: once passed it is `met` (reached), never `missed`.
 */
export function finish(d: Draft, ctx: FinishContext): Deadline {
  const lotId = d.scope.lotId;
  const metBy = d.metBy === undefined ? [] : typeof d.metBy === 'string' ? [d.metBy] : d.metBy;
  const meets = (e: ProcurementEvent | undefined) =>
    e !== undefined && (d.metAfter === undefined || millis(e.at) >= millis(d.metAfter));
  const metByEvent = metBy.some(
    (type) =>
      meets(ctx.metEvents.get(eventKey(type, lotId))) ||
      (lotId !== null && meets(ctx.metEvents.get(eventKey(type, null)))),
  );
  const dueAt = utc(d.at, ctx.zone);
  const passed = millis(dueAt) < millis(ctx.now);
  const status: DeadlineStatus =
    d.met || metByEvent
      ? 'met'
      : d.cancelled || d.scope.cancelled
        ? 'cancelled'
        : d.suspended
          ? 'suspended'
          : !passed
            ? 'open'
            : d.risk === 'info' && d.metBy === undefined
              ? 'met'
              : 'missed';
  return {
    deadlineId: deadlineId(ctx.tenderId, d.kind, lotId, d.source),
    tenderId: ctx.tenderId,
    kind: d.kind,
    title: d.title,
    dueAt,
    allDay: d.allDay,
    timeZone: ctx.zone,
    source: d.source,
    risk: d.risk,
    status,
    owners: d.owners ?? ctx.owners,
    lotId,
    ...(d.warnings && d.warnings.length > 0 ? { warnings: d.warnings } : {}),
  };
}

/**
 * The status a freshly computed deadline is stored with, given what the store held for it before. A
 * deadline already past the first time it is scheduled (an old tender imported, a milestone or event
 * published after its date) was never open here and nobody was reminded of it: it is `passed`, which
 * plans no reminders and raises no "missed" alert. One stored before as open (or missed) keeps the
 * usual rule — it passed while we watched it, so it is missed and escalated; one stored as passed stays
 * passed while it is still past (and opens again if an amendment moves it into the future).
 */
export function settleFirstSeen(d: Deadline, prior: Pick<Deadline, 'status'> | undefined): Deadline {
  if (d.status !== 'missed') return d;
  return prior === undefined || prior.status === 'passed' ? { ...d, status: 'passed' } : d;
}

export interface RegisteredDeadlineInput {
  tenderId: string | null;
  source: DeadlineSource & { type: 'custom-dev-request' | 'pilot' | 'checklist' | 'evidence' | 'event' };
  kind?: DeadlineKind;
  title: string;
  /** an instant, a local date-time (read in `timeZone`) or a date (the end of that day, allDay) */
  dueAt: string;
  timeZone: string;
  risk?: DeadlineRisk;
  owners?: string[];
  lotId?: string | null;
  met?: boolean;
  cancelled?: boolean;
  now: string;
}

/**
 * A deadline another module registers (a custom-development decision date, a pilot milestone): same id
 * rule, same time reading (DESIGN §5), same status rule. Throws RangeError for an unreadable `dueAt`.
 */
export function registeredDeadline(input: RegisteredDeadlineInput): Deadline {
  const due = readInstant(input.dueAt, input.timeZone);
  if (!due.ok) throw new RangeError(`dueAt: ${due.reason}`);
  const lotId = input.lotId ?? null;
  return finish(
    {
      scope: { lotId, prefix: '', cancelled: false },
      kind: input.kind ?? 'milestone',
      risk: input.risk ?? 'normal',
      title: input.title,
      ...due.value,
      source: input.source,
      owners: input.owners ?? [],
      met: input.met ?? false,
      cancelled: input.cancelled ?? false,
    },
    { tenderId: input.tenderId, zone: input.timeZone, now: input.now, owners: [], metEvents: new Map() },
  );
}

export interface DeadlineDiff {
  added: Deadline[];
  moved: { deadlineId: string; from: string; to: string }[];
  removed: Deadline[];
}

/** What changed between two computations, by deadlineId: new ones, ones whose dueAt moved, ones gone. */
export function diffDeadlines(before: readonly Deadline[], after: readonly Deadline[]): DeadlineDiff {
  const was = new Map(before.map((d) => [d.deadlineId, d]));
  const now = new Set(after.map((d) => d.deadlineId));
  const moved: DeadlineDiff['moved'] = [];
  const added: Deadline[] = [];
  for (const d of after) {
    const old = was.get(d.deadlineId);
    if (!old) added.push(d);
    else if (millis(old.dueAt) !== millis(d.dueAt))
      moved.push({ deadlineId: d.deadlineId, from: old.dueAt, to: d.dueAt });
  }
  return { added, moved, removed: before.filter((d) => !now.has(d.deadlineId)) };
}
